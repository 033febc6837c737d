/**
 * `nx run bench:run [-- --smoke] [--only=...] [--out=<dir>]`: runs every scenario, each in
 * its own process against its own server process, and writes `latest.json`, `latest.md` and
 * the SVG plots.
 */
import { buildPlan } from './plan.js';
import { machineInfo } from './harness/machine.js';
import { type Group, GROUPS, parseOptions } from './options.js';
import { PARTIAL_RESULTS_DIR, RESULTS_DIR, SMOKE_RESULTS_DIR } from './paths.js';
import { assembleReport, writeReport } from './report/write-report.js';
import type { BenchReport } from './report/result-types.js';
import { renderTargetsTable } from './report/render-markdown.js';
import { type Measured, runGroups } from './run-groups.js';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const mode = options.smoke ? 'smoke' : 'full';
  const plan = buildPlan(mode);
  const machine = machineInfo();
  const partial = options.only.length < GROUPS.length;
  const outDir = options.out ?? (options.smoke ? SMOKE_RESULTS_DIR : partial ? PARTIAL_RESULTS_DIR : RESULTS_DIR);
  const command = `npx nx run bench:run${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  console.log(`bench: ${mode} run of ${options.only.join(', ')}`);
  console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, ${machine.platform} ${machine.arch}, load ${machine.loadAverage.join(' ')}`);

  const startedAt = new Date();
  const measured: Measured = await runGroups(plan, new Set<Group>(options.only));
  const report: BenchReport = assembleReport({ mode, command, startedAt, machine, plan, measured });
  const files = writeReport(report, outDir);

  console.log(`\n${renderTargetsTable(report)}`);
  console.log(`report: ${files.join(', ')}`);
  console.log(`took ${report.wallSeconds.toFixed(0)} s`);
  for (const failure of report.failures) console.error(`FAILED ${failure.scenario}: ${failure.message}`);
  return report.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
