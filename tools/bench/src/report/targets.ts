import { abuseTargets } from './abuse-targets.js';
import type { BenchReport, DurationProfile, TargetCheck } from './result-types.js';
import { formatBytes, formatMs } from './format.js';
import { checkAtMost, notMeasured } from './target-check.js';
import { storeTargets } from './store-targets.js';
import { throughputTargets } from './throughput-targets.js';

/** The parts of a report that targets are checked against. */
export type MeasuredParts = Pick<BenchReport, 'latency' | 'cost' | 'server' | 'throughput' | 'store' | 'abuse' | 'bundle'>;

const PROFILES: readonly DurationProfile[] = ['fixed', 'spread'];
const KIB = 1024;

function latencyTargets(parts: MeasuredParts, strategy: 'SSE' | 'POLL', stat: 'p50' | 'p99', limitMs: number): TargetCheck[] {
  return PROFILES.map((profile) => {
    const target = `${strategy} ${stat} ≤ ${limitMs} ms at 1,000 jobs (${profile} durations)`;
    const result = parts.latency.find((r) => r.strategy === strategy && r.jobs === 1000 && r.profile === profile && r.disruption === undefined);
    if (result === undefined) return notMeasured(target, 'case not in this run');
    const why = result.failed > 0 ? ` (${result.errors[0] ?? 'failed'})` : '';
    if (result.latencyMs === null) return { target, measured: 'no job notified', met: false, note: `${result.missed} of ${result.jobs} jobs missed${why}` };
    const check = checkAtMost(target, result.latencyMs[stat], limitMs, (v) => `${formatMs(v)} ms`);
    return result.missed > 0 ? { ...check, met: false, note: `${check.note}; ${result.missed} jobs never notified${why}` } : check;
  });
}

function pollCostTarget(parts: MeasuredParts): TargetCheck {
  const target = 'POLL ≤ 2 status requests per job, every duration';
  const poll = parts.cost.results.filter((r) => r.strategy === 'POLL');
  if (poll.length === 0) return notMeasured(target, 'cost scenario not in this run');
  const worst = poll.reduce((a, b) => (b.statusRequestsPerJob > a.statusRequestsPerJob ? b : a));
  const check = checkAtMost(target, worst.statusRequestsPerJob, 2, (v) => v.toFixed(2));
  return { ...check, measured: `${check.measured} (worst, at ${worst.durationMs / 1000} s)` };
}

function sseCapacityTargets(parts: MeasuredParts): TargetCheck[] {
  const heldTarget = '5,000 concurrent SSE connections on one process';
  const memoryTarget = '≤ 16 KiB resident memory per SSE connection at 5,000';
  const run = parts.server.sse.find((r) => r.connections === 5000);
  if (run === undefined) return [notMeasured(heldTarget, 'smaller run'), notMeasured(memoryTarget, 'smaller run')];
  const held = Math.min(run.opened, run.alive);
  const heldCheck: TargetCheck = {
    target: heldTarget,
    measured: `${held.toLocaleString('en-US')} held (${run.failed} failed)`,
    met: held >= 5000,
    note: held >= 5000 ? 'all open and receiving heartbeats' : `short by ${5000 - held}`,
  };
  if (run.rssPerConnectionBytes === null) return [heldCheck, notMeasured(memoryTarget, 'no connection opened')];
  const memory = checkAtMost(memoryTarget, run.rssPerConnectionBytes, 16 * KIB, formatBytes);
  return [heldCheck, { ...memory, note: `${memory.note}; live heap ${formatBytes(run.heapPerConnectionBytes)} per connection` }];
}

/**
 * Checks a run against the targets of the issue. The targets are reported, never asserted:
 * a miss is stated with its size, and a case the run did not include is marked as such.
 *
 * @param parts - the run's measurements
 * @returns one check per target, in the order of the issues that set them
 */
export function evaluateTargets(parts: MeasuredParts): TargetCheck[] {
  const bundleTarget = 'client bundle ≤ 5 KiB minified and gzipped';
  const bundle = (): TargetCheck => {
    if (parts.bundle === null) return notMeasured(bundleTarget, 'bundle scenario not in this run');
    // esbuild inlines the dependencies when it bundles the entry, as the method does;
    // the client's own code alone is the figure its size budget checks, so it is given too.
    const check = checkAtMost(bundleTarget, parts.bundle.gzipBytes, 5 * KIB, formatBytes);
    return { ...check, measured: `${check.measured} with dependencies`, note: `${check.note}; client code alone ${formatBytes(parts.bundle.ownGzipBytes)}` };
  };
  return [
    ...latencyTargets(parts, 'SSE', 'p50', 5),
    ...latencyTargets(parts, 'SSE', 'p99', 20),
    pollCostTarget(parts),
    ...latencyTargets(parts, 'POLL', 'p50', 50),
    ...sseCapacityTargets(parts),
    bundle(),
    ...throughputTargets(parts.throughput),
    ...abuseTargets(parts.abuse),
    ...storeTargets(parts.store),
  ];
}
