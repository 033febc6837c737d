import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measured } from '../run-groups.js';
import type { BenchPlan } from '../plan.js';
import { withCostRatios, withLatencyRatios } from './baseline-ratios.js';
import { buildCharts } from './charts.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSummary } from './render-summary.js';
import type { BenchReport, MachineInfo } from './result-types.js';
import { evaluateTargets } from './targets.js';

/** What {@link assembleReport} puts together. */
export interface ReportParts {
  readonly mode: 'full' | 'smoke';
  readonly command: string;
  readonly startedAt: Date;
  /** @default now */
  readonly finishedAt?: Date;
  readonly machine: MachineInfo;
  readonly plan: BenchPlan;
  readonly measured: Measured;
}

/**
 * Builds the report of a run: the measurements with their ratios to the naive baseline, and
 * the targets checked against them.
 *
 * @param parts - the run's context and measurements
 * @returns the report
 */
export function assembleReport(parts: ReportParts): BenchReport {
  const { measured } = parts;
  const finishedAt = parts.finishedAt ?? new Date();
  const measuredParts = {
    latency: withLatencyRatios(measured.latency),
    cost: { settings: measured.cost.length > 0 ? parts.plan.cost.settings : null, results: withCostRatios(measured.cost) },
    server: { sse: measured.sse, fanout: measured.fanout },
    throughput: measured.throughput,
    store: measured.store,
    redisInstances: measured.redisInstances,
    abuse: measured.abuse,
    bundle: measured.bundle,
  };
  return {
    mode: parts.mode,
    command: parts.command,
    startedAt: parts.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSeconds: (finishedAt.getTime() - parts.startedAt.getTime()) / 1000,
    machine: parts.machine,
    ...measuredParts,
    targets: evaluateTargets(measuredParts),
    failures: measured.failures,
  };
}

/**
 * Writes `latest.json`, `latest.md`, `summary.md` and the plots into `dir`.
 *
 * @param report - the report
 * @param dir - the output folder, created when missing
 * @returns the paths written
 */
export function writeReport(report: BenchReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['latest.json', `${JSON.stringify(report, null, 2)}\n`],
    ['latest.md', renderMarkdown(report)],
    // The short form that the workspace README carries.
    ['summary.md', renderSummary(report)],
    ...buildCharts(report).map(({ file, svg }): [string, string] => [file, svg]),
  ];
  return files.map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
