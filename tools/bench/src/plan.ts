import { DEFAULT_API_CONFIG } from '@heygen-mock/api';
import { DEFAULT_OPTIONS } from '@heygen-mock/client/defaults';
import type { CostSettings, DurationProfile, PacingOptions, Strategy } from './report/result-types.js';
import { PACING_OPTIONS, STRATEGIES } from './report/result-types.js';
import { ABUSE_TARGET_SIZES } from './report/abuse-targets.js';
import type { FanoutInput } from './scenarios/fanout.js';
import type { LatencyInput } from './scenarios/latency.js';
import type { AbuseEventLoopInput } from './scenarios/abuse-event-loop.js';
import type { AbuseKeysInput } from './scenarios/abuse-keys.js';
import type { AbuseSoakInput } from './scenarios/abuse-soak.js';
import type { SseCapacityInput } from './scenarios/sse-capacity.js';
import type { RedisInstancesInput } from './report/redis-instances-types.js';
import { STORE_TARGET_SIZES } from './report/store-targets.js';
import type { StoreInput } from './report/store-types.js';
import type { ThroughputInput } from './scenarios/throughput.js';

/** The cost scenario's cases. */
export interface CostPlan {
  readonly strategies: readonly Strategy[];
  /** Nominal job durations, ms, before scaling. */
  readonly durationsMs: readonly number[];
  readonly settings: CostSettings;
  readonly graceMs: number;
}

/** Every case a run measures. */
export interface BenchPlan {
  readonly mode: 'full' | 'smoke';
  /**
   * One process (and server) per latency case and per cost strategy. The smoke run shares
   * one per scenario instead: a server start costs more than its cases.
   */
  readonly processPerCase: boolean;
  readonly latency: readonly LatencyInput[];
  readonly cost: CostPlan;
  readonly sse: readonly SseCapacityInput[];
  readonly fanout: readonly FanoutInput[];
  readonly throughput: ThroughputInput;
  readonly store: StoreInput;
  /** Two API instances on one Redis: reads on one and on two, and event fan-out across them. */
  readonly redisInstances: RedisInstancesInput;
  readonly abuse: AbusePlan;
}

/** The abuse scenario's three parts, each run in its own process against its own server. */
export interface AbusePlan {
  readonly keys: AbuseKeysInput;
  readonly eventLoop: AbuseEventLoopInput;
  readonly soak: AbuseSoakInput;
}

/** The server settings that shape request patterns, by environment variable, at the server's defaults. */
const SERVER_TIMES = {
  POLL_MIN_MS: DEFAULT_API_CONFIG.pollMinMs,
  LONG_POLL_MAX_MS: DEFAULT_API_CONFIG.longPollMaxMs,
  HEARTBEAT_MS: DEFAULT_API_CONFIG.heartbeatMs,
  SSE_RETRY_MS: DEFAULT_API_CONFIG.sseRetryMs,
};

/** The client options that shape request patterns, at the client's defaults. */
// The cast only restores the keys that Object.fromEntries forgets.
const CLIENT_TIMES = Object.fromEntries(PACING_OPTIONS.map((name) => [name, DEFAULT_OPTIONS[name]])) as Record<keyof PacingOptions, number>;

/** The naive baseline's interval: the seed client read every job once per second. */
const NAIVE_INTERVAL_MS = 1000;

/**
 * The settings of a time-scaled cost run: every server and client time that shapes the
 * request pattern, and the naive baseline's one-second interval, multiplied by `scale`.
 * The client's request timeout is left alone: it bounds a request, it does not pace them.
 *
 * @param scale - factor in (0, 1], e.g. 1/20
 * @param jobsPerDuration - jobs watched by one client for each duration
 * @param spread - share by which each job's duration varies around the nominal one
 * @returns the settings, every time a whole number of ms, at least 1
 */
export function costSettings(scale: number, jobsPerDuration: number, spread: number): CostSettings {
  if (!(scale > 0 && scale <= 1)) throw new RangeError('Expected `scale` to be in (0, 1].');
  const scaled = (ms: number): number => Math.max(1, Math.round(ms * scale));
  // Same keys in, same keys out: the cast only restores what Object.entries forgets.
  const scaleAll = <K extends string>(times: Readonly<Record<K, number>>): Record<K, number> =>
    Object.fromEntries(Object.entries<number>(times).map(([k, v]) => [k, scaled(v)])) as Record<K, number>;
  return {
    scale,
    jobsPerDuration,
    spread,
    serverEnv: Object.fromEntries(Object.entries(scaleAll(SERVER_TIMES)).map(([k, v]) => [k, String(v)])),
    clientOptions: scaleAll<keyof PacingOptions>(CLIENT_TIMES),
    naiveIntervalMs: scaled(NAIVE_INTERVAL_MS),
  };
}

function latencyCases(sizes: readonly { jobs: number; fixedMs: number; spreadMs: [number, number]; graceMs: number }[]): LatencyInput[] {
  const profiles: DurationProfile[] = ['fixed', 'spread'];
  return sizes.flatMap((size) =>
    profiles.flatMap((profile) =>
      STRATEGIES.map((strategy) => ({
        strategy,
        jobs: size.jobs,
        profile,
        minMs: profile === 'fixed' ? size.fixedMs : size.spreadMs[0],
        maxMs: profile === 'fixed' ? size.fixedMs : size.spreadMs[1],
        graceMs: size.graceMs,
        seed: size.jobs,
        createConcurrency: 16,
      })),
    ),
  );
}

/**
 * The "cut at completion" case: 20 jobs created together and watched by one SSE client, the
 * event stream cut by the proxy at the moment they complete (see `Disruption`).
 *
 * @param durationMs - the jobs' duration, longer than creating them and opening the stream
 * @param graceMs - wait beyond the completion before a job counts as missed
 * @returns the case
 */
function cutAtCompletionCase(durationMs: number, graceMs: number): LatencyInput {
  return {
    strategy: 'SSE',
    jobs: 20,
    profile: 'fixed',
    minMs: durationMs,
    maxMs: durationMs,
    graceMs,
    seed: 20,
    createConcurrency: 20,
    disruption: 'cut-at-completion',
  };
}

/** The store comparison's table and autocannon settings in a full run, which the Redis instances' reads share. */
const STORE_LOAD = { tableJobs: 20_000, readJobs: 1000, connections: 50, durationS: 6, rounds: 5, warmupS: 2 } as const;
/** The same in a smoke run: one second per run, one round. */
const SMOKE_STORE_LOAD = { tableJobs: 100, readJobs: 10, connections: 50, durationS: 1, rounds: 1, warmupS: 0 } as const;

/**
 * The cases of a run. The full run is sized to finish within 45 minutes on 2 cores, ten of them
 * the abuse soak; the smoke run checks that every scenario works end to end in about a minute.
 *
 * @param mode - `full` or `smoke`
 * @returns the plan
 */
export function buildPlan(mode: 'full' | 'smoke'): BenchPlan {
  if (mode === 'smoke') {
    return {
      mode,
      processPerCase: false,
      latency: [...latencyCases([{ jobs: 10, fixedMs: 300, spreadMs: [100, 500], graceMs: 5000 }]), cutAtCompletionCase(1000, 5000)],
      cost: { strategies: STRATEGIES, durationsMs: [1000, 10_000, 60_000], settings: costSettings(1 / 50, 5, 0.1), graceMs: 5000 },
      sse: [{ connections: 200, heartbeatMs: 500, settleMs: 200, breakdownConnections: 50 }],
      fanout: [{ connections: 10, jobs: 50, createMsPerJob: 5 }],
      throughput: { jobs: 20, connections: 50, durationS: 1, rounds: 1, forks: 1, warmupS: 1, offered: { rate: 1000, connections: 10, durationS: 1 } },
      store: {
        ...SMOKE_STORE_LOAD,
        notification: { jobs: 50, leadMs: 300, spreadMs: 300, graceMs: 2000, warmupJobs: 0 },
      },
      redisInstances: {
        ...SMOKE_STORE_LOAD,
        fanout: { callers: 2, connectionsPerCaller: 2, jobsPerCaller: 10, createMsPerJob: 5, leadMs: 300, rounds: 1, warmup: false },
      },
      abuse: {
        keys: { keys: 100, durationS: 3, progressIntervalMs: 10, jobDurationMs: 86_400_000, sampleMs: 250 },
        eventLoop: { jobs: 2000, connects: 5, timeoutMs: 30_000 },
        soak: {
          callers: 10,
          connectionsPerCaller: 5,
          warmupS: 2,
          durationS: 6,
          jobsPerSecond: 20,
          jobDurationMs: [500, 2000],
          sampleS: 1,
          graceMs: 2000,
          seed: 9,
        },
      },
    };
  }
  return {
    mode,
    processPerCase: true,
    latency: [
      ...latencyCases([
        // Every job must still be pending when watching begins: the shortest duration exceeds the
        // creation time (500 to 1,000 jobs a second on 2 busy cores) with room to spare.
        { jobs: 10, fixedMs: 2000, spreadMs: [1000, 3000], graceMs: 10_000 },
        { jobs: 1000, fixedMs: 5000, spreadMs: [5000, 8000], graceMs: 10_000 },
        { jobs: 10_000, fixedMs: 20_000, spreadMs: [20_000, 30_000], graceMs: 30_000 },
      ]),
      cutAtCompletionCase(2000, 10_000),
    ],
    cost: {
      strategies: STRATEGIES,
      durationsMs: [1000, 10_000, 60_000, 180_000, 600_000],
      settings: costSettings(1 / 20, 10, 0.1),
      graceMs: 10_000,
    },
    sse: [1000, 5000].map((connections) => ({ connections, heartbeatMs: 2000, settleMs: 1500, breakdownConnections: connections === 5000 ? 1000 : 0 })),
    fanout: [{ connections: 100, jobs: 500, createMsPerJob: 15 }],
    // Four servers, eight rounds of 4 s each, then 10 s each at a fixed rate: about three minutes
    // of load. Many short rounds rather than a few long ones: the targets take the median of the
    // rounds' ratios, and a round whose runs the machine's other work upset weighs less among eight.
    // Four sets of processes, two rounds each, so that one slow process weighs as little.
    throughput: { jobs: 100, connections: 50, durationS: 4, rounds: 8, forks: 4, warmupS: 2, offered: { rate: 1000, connections: 10, durationS: 10 } },
    // Three servers with 20,000 jobs each, five rounds of 6 s creates (each followed by as long a
    // wait for its jobs to end) and 6 s reads, then five rounds of 1,000 notifications: about seven minutes.
    store: {
      ...STORE_LOAD,
      // 1,000 jobs take well under two seconds to create, 16 at a time; they then complete over 1.5 s.
      notification: { jobs: STORE_TARGET_SIZES.notificationJobs, leadMs: 2500, spreadMs: 1500, graceMs: 5000, warmupJobs: 100 },
    },
    // Reads as the store's, on one instance and on two; then bursts of 50,000 events (10 callers ×
    // 50 streams × 100 jobs, as many as the one-process fan-out): about three minutes.
    redisInstances: {
      ...STORE_LOAD,
      fanout: { callers: 10, connectionsPerCaller: 50, jobsPerCaller: 100, createMsPerJob: 5, leadMs: 1000, rounds: 5, warmup: true },
    },
    abuse: {
      keys: { ...ABUSE_TARGET_SIZES.keys, jobDurationMs: 86_400_000, sampleMs: 250 },
      eventLoop: { ...ABUSE_TARGET_SIZES.eventLoop, timeoutMs: 180_000 },
      soak: {
        callers: 200,
        connectionsPerCaller: ABUSE_TARGET_SIZES.soak.connections / 200,
        warmupS: 30,
        durationS: ABUSE_TARGET_SIZES.soak.durationS,
        jobsPerSecond: 20,
        jobDurationMs: [1000, 5000],
        sampleS: 5,
        graceMs: 5000,
        seed: 9,
      },
    },
  };
}
