import { ratio } from '../stats/ratios.js';
import { formatCount, formatMs } from './format.js';
import type { TargetCheck } from './result-types.js';
import { checkAtLeast, checkAtMost, notMeasured } from './target-check.js';
import type { ThroughputMedians, ThroughputResult, ThroughputServer } from './throughput-types.js';

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
 * How the API compares with a reference on requests per second, with the same comparison by
 * CPU time per request (steadier on a busy machine) and for the API with request logging on.
 */
function compare(
  target: string,
  medians: ReadonlyMap<ThroughputServer, ThroughputMedians>,
  reference: ThroughputServer,
  minimum: number,
  render: (v: number) => string,
): TargetCheck {
  const ours = medians.get('ours');
  const other = medians.get(reference);
  const rate = ratio(ours?.requestsPerSecond, other?.requestsPerSecond);
  if (ours === undefined || other === undefined || rate === null) return notMeasured(target, 'a server answered nothing');
  const check = checkAtLeast(target, rate, minimum, render);
  // CPU per request is a cost: the reference's over ours reads like the req/s ratio.
  const cpu = ratio(other.cpuUsPerRequest, ours.cpuUsPerRequest);
  const logging = ratio(medians.get('ours-logging')?.requestsPerSecond, other.requestsPerSecond);
  const extra = [
    `${formatCount(ours.requestsPerSecond)} vs ${formatCount(other.requestsPerSecond)} req/s`,
    ...(cpu === null ? [] : [`by CPU time per request ${render(cpu)}`]),
    ...(logging === null ? [] : [`with a log line per request ${render(logging)}`]),
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
 * Fastify route (medians over the rounds), and its p99 at a fixed offered rate, as measured,
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
  const medians = new Map(result.servers.map((s) => [s.server, s.median]));
  return [compare(VS_ORIGINAL, medians, 'original', 4, times), compare(VS_BARE, medians, 'bare', 0.7, percent), offeredTarget(result)];
}
