import { formatBytes, formatCount, formatDuration, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';
import { renderTargetsTable, transportLabel } from './render-markdown.js';
import { redisInstancesTable } from './render-redis-instances.js';
import { storeTable } from './render-store.js';
import { throughputTable } from './render-throughput.js';
import type { BenchReport, DurationProfile, LatencyResult } from './result-types.js';
import { STRATEGIES } from './result-types.js';

const PROFILES: readonly DurationProfile[] = ['fixed', 'spread'];

function percentilesCell(r: LatencyResult | undefined): string {
  if (r === undefined) return '–';
  if (r.latencyMs === null) return `no job notified (${r.missed} missed)`;
  const missed = r.missed > 0 ? `, ${r.missed} missed` : '';
  return `${formatMs(r.latencyMs.p50)} / ${formatMs(r.latencyMs.p99)}${missed}`;
}

function latencyTable(report: BenchReport): string {
  const undisturbed = report.latency.filter((r) => r.disruption === undefined);
  const sizes = [...new Set(undisturbed.map((r) => r.jobs))].sort((a, b) => a - b);
  const rows = STRATEGIES.flatMap((strategy) =>
    sizes.map((jobs) => [
      strategy,
      formatCount(jobs),
      ...PROFILES.map((profile) => percentilesCell(undisturbed.find((x) => x.strategy === strategy && x.jobs === jobs && x.profile === profile))),
    ]),
  ).filter((row) => row.slice(2).some((cell) => cell !== '–'));
  // Disrupted cases after the others, one row each, in their profile's column.
  const disrupted = report.latency
    .filter((r) => r.disruption !== undefined)
    .map((r) => [transportLabel(r), formatCount(r.jobs), ...PROFILES.map((profile) => percentilesCell(profile === r.profile ? r : undefined))]);
  return markdownTable(['transport', 'jobs', 'p50 / p99 ms, fixed durations', 'p50 / p99 ms, spread durations'], [...rows, ...disrupted], 'lrrr');
}

function costTable(report: BenchReport): string {
  const durations = [...new Set(report.cost.results.map((r) => r.durationMs))].sort((a, b) => a - b);
  const rows = STRATEGIES.map((strategy) => [
    strategy,
    ...durations.map((ms) => {
      const r = report.cost.results.find((x) => x.strategy === strategy && x.durationMs === ms);
      return r === undefined ? '–' : `${r.statusRequestsPerJob.toFixed(2)} / ${formatBytes(r.bytesPerJob)}`;
    }),
  ]).filter((row) => row.slice(1).some((cell) => cell !== '–'));
  return markdownTable(['transport', ...durations.map(formatDuration)], rows, `l${'r'.repeat(durations.length)}`);
}

/**
 * The short form of a run for the workspace README: the command, the machine, the targets and
 * five compact tables (latency percentiles; status requests and bytes per job by duration;
 * throughput of the API and the reference servers; the API on SQLite and Redis beside memory;
 * two instances on one Redis),
 * pointing to the full report for method and detail.
 *
 * @param report - a finished full run
 * @returns markdown, starting with a level-2 heading
 */
export function renderSummary(report: BenchReport): string {
  const m = report.machine;
  const scale = report.cost.settings === null ? '' : ` (time scaled down ${Math.round(1 / report.cost.settings.scale)}×)`;
  const parts = [
    '## Benchmarks',
    '',
    `Last full run: \`${report.command}\` on ${report.startedAt.slice(0, 10)}, ${formatDuration(Math.round(report.wallSeconds) * 1000)},`,
    `${m.cpus} cores (${m.cpuModel}), Node ${m.node}. Method, every figure and the plots: \`tools/bench/results/latest.md\`.`,
    '',
    renderTargetsTable(report),
  ];
  if (report.latency.length > 0) {
    parts.push('Notification latency, `completedAt` to callback, one client:', '', latencyTable(report));
  }
  if (report.cost.results.length > 0) {
    parts.push(`Status requests / bytes on the wire per job, by job duration${scale}:`, '', costTable(report));
  }
  if (report.throughput !== null) {
    const t = report.throughput;
    parts.push(`\`GET /status/:id\`, ${t.connections} connections, medians of ${t.rounds} round(s) of ${t.durationS} s on ${t.forks} set(s) of processes, the servers loaded in turn:`, '', throughputTable(t));
  }
  if (report.store !== null) {
    const s = report.store;
    parts.push(
      `Job stores (\`JOB_STORE\`), ${s.connections} connections, medians of ${s.rounds} round(s) of ${s.durationS} s; notification latency of ${formatCount(s.notification.jobs)} jobs, planned completion to event:`,
      '',
      storeTable(s),
    );
  }
  if (report.redisInstances !== null) {
    const r = report.redisInstances;
    parts.push(
      `Two instances on one Redis, as measured on ${m.cpus} cores shared with Redis and the load: fan-out of ${formatCount(r.fanout.callers * r.fanout.connectionsPerCaller * r.fanout.jobsPerCaller)} completion events, and \`GET /status/:id\` with ${r.connections} connections per instance (medians of ${r.rounds} round(s)):`,
      '',
      redisInstancesTable(r),
    );
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
