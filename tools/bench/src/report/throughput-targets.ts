import { median } from '../stats/percentiles.js';
import { ratio } from '../stats/ratios.js';
import { formatCount, formatMs } from './format.js';
import type { TargetCheck } from './result-types.js';
import { checkAtLeast, checkAtMost, notMeasured } from './target-check.js';
import type { LoadRun, ThroughputResult, ThroughputServer, ThroughputServerResult } from './throughput-types.js';

/** The connections the throughput targets are stated for. */
const TARGET_CONNECTIONS = 50;
/** A fixed-rate run that answers less than this share of the rate offered did not hold the rate. */
const HELD_RATE_SHARE = 0.95;

const VS_ORIGINAL = `ours ≥ 4× the original-shaped reference's req/s (${TARGET_CONNECTIONS} connections)`;
const VS_BARE = `ours ≥ 70% of the bare Fastify route's req/s (${TARGET_CONNECTIONS} connections)`;
const OFFERED = 'ours p99 ≤ 10 ms at 1,000 req/s offered';

const times = (v: number): string => `${v.toFixed(2)}×`;
const percent = (v: number): string => `${Math.round(v * 100)}%`;

/**
 * The median over the rounds of `value(numerator) / value(denominator)` within each round. A
 * round loads the servers one after the other, seconds apart, so a ratio within a round compares
 * them on the machine as it was then. This machine's speed changes by as much as twice between
 * rounds, and the ratio of two medians, which may come from different rounds, does not cancel
 * that.
 */
function pairedRatio(numerator: readonly LoadRun[], denominator: readonly LoadRun[], value: (run: LoadRun) => number | null): number | null {
  const ratios = numerator.flatMap((run, i) => {
    const other = denominator[i];
    const r = other === undefined ? null : ratio(value(run), value(other));
    return r === null ? [] : [r];
  });
  return ratios.length === 0 ? null : median(ratios);
}

const rate = (run: LoadRun): number => run.requestsPerSecond;
const cpu = (run: LoadRun): number | null => run.cpuUsPerRequest;

/**
 * How the API compares with a reference on requests per second, round by round (see
 * {@link pairedRatio}), with the ratio of the medians, the same comparison by CPU time per
 * request and the API with request logging on beside it.
 */
function compare(
  target: string,
  servers: ReadonlyMap<ThroughputServer, ThroughputServerResult>,
  reference: ThroughputServer,
  minimum: number,
  render: (v: number) => string,
): TargetCheck {
  const ours = servers.get('ours');
  const other = servers.get(reference);
  const paired = ours === undefined || other === undefined ? null : pairedRatio(ours.rounds, other.rounds, rate);
  if (ours === undefined || other === undefined || paired === null) return notMeasured(target, 'a server answered nothing');
  const check = checkAtLeast(target, paired, minimum, render);
  const ofMedians = ratio(ours.median.requestsPerSecond, other.median.requestsPerSecond);
  // CPU per request is a cost: the reference's over ours reads like the req/s ratio.
  const byCpu = pairedRatio(other.rounds, ours.rounds, cpu);
  const logging = servers.get('ours-logging');
  const withLogging = logging === undefined ? null : pairedRatio(logging.rounds, other.rounds, rate);
  const extra = [
    `median of ${ours.rounds.length} rounds' ratios`,
    ...(ofMedians === null ? [] : [`ratio of the medians ${render(ofMedians)} (${formatCount(ours.median.requestsPerSecond)} vs ${formatCount(other.median.requestsPerSecond)} req/s)`]),
    ...(byCpu === null ? [] : [`by CPU time per request ${render(byCpu)}`]),
    ...(withLogging === null ? [] : [`with a log line per request ${render(withLogging)}`]),
  ];
  return { ...check, note: `${check.note}; ${extra.join('; ')}` };
}

function offeredTarget(result: ThroughputResult): TargetCheck {
  const run = result.offered.find((r) => r.server === 'ours');
  if (run === undefined || run.rate !== 1000) return notMeasured(OFFERED, 'no run at 1,000 req/s');
  const ms = (v: number): string => `${formatMs(v)} ms`;
  const check = checkAtMost(OFFERED, run.latencyMs.p99, 10, ms);
  const bare = result.offered.find((r) => r.server === 'bare');
  const context = [`autocannon's corrected p99 ${ms(run.correctedP99Ms)}`, ...(bare === undefined ? [] : [`bare Fastify route at the same rate ${ms(bare.latencyMs.p99)}`])];
  const note = `${check.note}; ${context.join('; ')}`;
  const failures = run.non2xx + run.errors;
  if (failures > 0) return { ...check, met: false, note: `${note}; ${failures} requests failed` };
  if (run.requestsPerSecond < run.rate * HELD_RATE_SHARE) {
    return { ...check, met: false, note: `${note}; answered only ${formatCount(run.requestsPerSecond)} req/s` };
  }
  return { ...check, note };
}

/**
 * Checks the throughput targets: the API against the original-shaped reference and the bare
 * Fastify route (the median of the rounds' ratios), and its p99 at a fixed offered rate, as measured,
 * with autocannon's corrected figure and the bare route's beside it.
 *
 * @param result - the throughput scenario's result, or `null` when the run left it out
 * @returns three checks
 */
export function throughputTargets(result: ThroughputResult | null): TargetCheck[] {
  if (result === null) return [VS_ORIGINAL, VS_BARE, OFFERED].map((t) => notMeasured(t, 'throughput scenario not in this run'));
  if (result.connections !== TARGET_CONNECTIONS) {
    const why = `run with ${result.connections} connections`;
    return [notMeasured(VS_ORIGINAL, why), notMeasured(VS_BARE, why), offeredTarget(result)];
  }
  const servers = new Map(result.servers.map((s) => [s.server, s]));
  return [compare(VS_ORIGINAL, servers, 'original', 4, times), compare(VS_BARE, servers, 'bare', 0.7, percent), offeredTarget(result)];
}
