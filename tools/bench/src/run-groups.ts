import type { Group } from './options.js';
import type { BenchPlan } from './plan.js';
import type { AbuseEventLoopResult, AbuseKeysResult, AbuseSoakResult } from './report/abuse-types.js';
import type { BundleResult, CostResult, FanoutResult, LatencyResult, SseCapacityResult } from './report/result-types.js';
import type { RedisInstancesResult } from './report/redis-instances-types.js';
import { STORE_DRIVERS, type StoreResult } from './report/store-types.js';
import { THROUGHPUT_SERVERS, type ThroughputResult } from './report/throughput-types.js';
import { runScenario, type ScenarioName } from './run-scenario.js';
import { formatDuration } from './report/format.js';

/** What the scenarios of a run returned, and which of them failed. */
export interface Measured {
  readonly latency: LatencyResult[];
  readonly cost: CostResult[];
  readonly sse: SseCapacityResult[];
  readonly fanout: FanoutResult[];
  throughput: ThroughputResult | null;
  store: StoreResult | null;
  redisInstances: RedisInstancesResult | null;
  readonly abuse: { keys: AbuseKeysResult | null; eventLoop: AbuseEventLoopResult | null; soak: AbuseSoakResult | null };
  bundle: BundleResult | null;
  readonly failures: { scenario: string; message: string }[];
}

/** Time allowed for starting a scenario process and its server, on top of its own work. */
const OVERHEAD_MS = 30_000;

/**
 * Runs the plan's scenarios of the selected groups one after the other, each case in its
 * own process. A failing case is recorded and the run goes on, so that one broken scenario
 * still leaves a report of the others.
 *
 * @param plan - the cases
 * @param groups - the groups to run
 * @returns the results and failures
 */
export async function runGroups(plan: BenchPlan, groups: ReadonlySet<Group>): Promise<Measured> {
  const measured: Measured = {
    latency: [],
    cost: [],
    sse: [],
    fanout: [],
    throughput: null,
    store: null,
    redisInstances: null,
    abuse: { keys: null, eventLoop: null, soak: null },
    bundle: null,
    failures: [],
  };
  const attempt = async <T>(scenario: ScenarioName, label: string, input: unknown, timeoutMs: number, keep: (r: T) => void): Promise<void> => {
    const start = Date.now();
    process.stderr.write(`[bench] ${[scenario, label].filter(Boolean).join(' ')} ... `);
    try {
      keep(await runScenario<T>(scenario, input, timeoutMs));
      process.stderr.write(`${formatDuration(Date.now() - start)}\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`FAILED after ${formatDuration(Date.now() - start)}: ${message}\n`);
      measured.failures.push({ scenario: `${scenario} ${label}`, message });
    }
  };

  if (groups.has('latency')) {
    const batches = plan.processPerCase ? plan.latency.map((c) => [c]) : [plan.latency];
    for (const cases of batches) {
      // Creation runs at 500 jobs a second or better; then the longest job and the grace.
      const timeoutMs = cases.reduce((sum, c) => sum + c.jobs * 2 + c.maxMs + c.graceMs, OVERHEAD_MS);
      const [only] = cases;
      const label = cases.length === 1 && only !== undefined ? `${only.strategy} ${only.jobs} ${only.profile}${only.disruption === undefined ? '' : ` ${only.disruption}`}` : `${cases.length} cases`;
      await attempt<LatencyResult[]>('latency', label, { cases }, timeoutMs, (r) => measured.latency.push(...r));
    }
  }
  if (groups.has('cost')) {
    const { durationsMs, settings, graceMs } = plan.cost;
    // Bounded by running every duration one after the other, though they overlap.
    const longest = durationsMs.reduce((sum, ms) => sum + ms, 0) * settings.scale * (1 + settings.spread);
    const batches = plan.processPerCase ? plan.cost.strategies.map((s) => [s]) : [plan.cost.strategies];
    for (const strategies of batches) {
      const input = { strategies, durationsMs, settings, graceMs, seed: 7 };
      const timeoutMs = OVERHEAD_MS + strategies.length * (longest + graceMs);
      await attempt<CostResult[]>('cost', strategies.join(', '), input, timeoutMs, (r) => measured.cost.push(...r));
    }
  }
  if (groups.has('server')) {
    for (const input of plan.sse) {
      const timeoutMs = OVERHEAD_MS + input.connections * 10 + input.heartbeatMs * 2;
      await attempt<SseCapacityResult>('sse-capacity', `${input.connections}`, input, timeoutMs, (r) => measured.sse.push(r));
    }
    for (const input of plan.fanout) {
      const timeoutMs = OVERHEAD_MS + 60_000 + input.jobs * 10;
      await attempt<FanoutResult>('fanout', `${input.connections}×${input.jobs}`, input, timeoutMs, (r) => measured.fanout.push(r));
    }
  }
  if (groups.has('throughput')) {
    const t = plan.throughput;
    const loadS = (t.forks * t.warmupS + t.rounds * t.durationS + (t.offered?.durationS ?? 0)) * THROUGHPUT_SERVERS.length;
    // Four servers to start in every fork, and their jobs to create, on top of the load itself.
    await attempt<ThroughputResult>('throughput', `${loadS} s of load`, t, 2 * OVERHEAD_MS + loadS * 2000, (r) => (measured.throughput = r));
  }
  if (groups.has('store')) {
    const s = plan.store;
    const n = s.notification;
    // Per server: every create run and the wait for its jobs to end (about as long again), every
    // read run, every notification round, and the grace of the last.
    const loadS = 3 * (s.warmupS + s.rounds * s.durationS) + ((s.rounds + (n.warmupJobs > 0 ? 1 : 0)) * (n.leadMs + n.spreadMs) + n.graceMs) / 1000;
    // The servers to start and fill (at 500 jobs a second or better), on top of the load itself.
    const timeoutMs = 2 * OVERHEAD_MS + STORE_DRIVERS.length * (s.tableJobs * 2 + loadS * 2000);
    await attempt<StoreResult>('store', `${STORE_DRIVERS.join(', ')}, ${s.rounds} round(s)`, s, timeoutMs, (r) => (measured.store = r));
    const r = plan.redisInstances;
    const f = r.fanout;
    // Reads: a warm-up run per instance, then a one- and a two-instance run per round. Fan-out: per
    // burst the lead and the creates, and up to a minute for the last delivery (the warm-up's too).
    const readS = 2 * r.warmupS + 2 * r.rounds * r.durationS;
    const burstMs = f.leadMs + f.callers * f.jobsPerCaller * f.createMsPerJob + 60_000;
    const instancesMs = 2 * OVERHEAD_MS + r.tableJobs * 2 + readS * 2000 + 2 * (f.rounds + (f.warmup ? 1 : 0)) * burstMs;
    const label = `1 and 2 instances on Redis, ${r.rounds} round(s) of reads, ${f.rounds} of fan-out`;
    await attempt<RedisInstancesResult>('redis-instances', label, r, instancesMs, (result) => (measured.redisInstances = result));
  }
  if (groups.has('abuse')) {
    const { keys, eventLoop, soak } = plan.abuse;
    await attempt<AbuseKeysResult>('abuse-keys', `${keys.keys} keys`, keys, OVERHEAD_MS + keys.durationS * 2000, (r) => (measured.abuse.keys = r));
    await attempt<AbuseEventLoopResult>('abuse-event-loop', `${eventLoop.jobs} jobs, ${eventLoop.connects} connects`, eventLoop, OVERHEAD_MS + eventLoop.timeoutMs * 2, (r) => (measured.abuse.eventLoop = r));
    const soakMs = (soak.warmupS + soak.durationS) * 1000 + soak.jobDurationMs[1] + soak.graceMs;
    const label = `${soak.callers * soak.connectionsPerCaller} streams, ${formatDuration(soak.durationS * 1000)}`;
    await attempt<AbuseSoakResult>('abuse-soak', label, soak, 2 * OVERHEAD_MS + soakMs * 1.2, (r) => (measured.abuse.soak = r));
  }
  if (groups.has('bundle')) {
    await attempt<BundleResult>('bundle', '', {}, OVERHEAD_MS, (r) => (measured.bundle = r));
  }
  return measured;
}
