import type { TableLoadSettings } from './store-types.js';
import type { LoadRun } from './throughput-types.js';

/**
 * Where a fan-out burst's event streams are held: on the instance that creates the jobs
 * (`same`), or on the other one, so that every event crosses from one instance to the other
 * through Redis (`crossing`).
 */
export const FANOUT_PLACEMENTS = ['same', 'crossing'] as const;

/** One of {@link FANOUT_PLACEMENTS}. */
export type FanoutPlacement = (typeof FANOUT_PLACEMENTS)[number];

/** How many instances take the reads: the first alone, or both at once. */
export const INSTANCE_COUNTS = [1, 2] as const;

/** One of {@link INSTANCE_COUNTS}. */
export type InstanceCount = (typeof INSTANCE_COUNTS)[number];

/** The fan-out part's settings. */
export interface RedisFanoutSettings {
  /** Callers per burst, each with its own event stream on Redis. */
  readonly callers: number;
  /** Event streams each caller holds open. */
  readonly connectionsPerCaller: number;
  /** Jobs of each caller, all completing at one instant. */
  readonly jobsPerCaller: number;
  /** Time allowed per job to create them all before the common instant, ms. */
  readonly createMsPerJob: number;
  /** Time on top of that, ms. */
  readonly leadMs: number;
  /** Bursts per placement, the order alternating. */
  readonly rounds: number;
  /** One burst per placement before the rounds, not counted. */
  readonly warmup: boolean;
}

/**
 * Input of the Redis instances scenario: its table is on Redis, created through the first
 * instance, and each round of reads loads one instance and then two.
 */
export interface RedisInstancesInput extends TableLoadSettings {
  readonly fanout: RedisFanoutSettings;
}

/** One burst of completions watched by every stream of several callers. */
export interface RedisFanoutRun {
  /** Completion events expected: callers × connections per caller × jobs per caller. */
  readonly expected: number;
  readonly delivered: number;
  /** From the jobs' common completion instant to the last delivery, ms. */
  readonly spanMs: number;
  readonly eventsPerSecond: number;
  /** Jobs whose creation ended after the common instant (they complete a little later). */
  readonly late: number;
  /** CPU time used over the burst by both API instances together, ms. */
  readonly apiCpuMs: number;
  /** CPU time used over the burst by redis-server, ms. */
  readonly redisCpuMs: number;
  /** CPU time used over the burst by the receiving load process, ms. */
  readonly receiverCpuMs: number;
}

/** Medians over the bursts of one placement. */
export interface RedisFanoutMedians {
  readonly eventsPerSecond: number;
  readonly spanMs: number;
  readonly apiCpuMs: number;
  readonly redisCpuMs: number;
  /** Completion events not delivered, over all bursts. */
  readonly lost: number;
}

/** Every burst of one placement, and their medians. */
export interface RedisFanoutResult {
  readonly placement: FanoutPlacement;
  /** In round order. */
  readonly rounds: readonly RedisFanoutRun[];
  readonly median: RedisFanoutMedians;
}

/** One round of reads on one or two instances, their autocannon runs side by side. */
export interface RedisScaleRun {
  readonly instances: InstanceCount;
  /** Requests answered per second by all instances together: the sum of the runs'. */
  readonly requestsPerSecond: number;
  /** One autocannon run per instance loaded, in instance order, each with its instance's CPU per request. */
  readonly runs: readonly LoadRun[];
  /** redis-server's CPU time over the round divided by the requests answered, µs; `null` when none was. */
  readonly redisCpuUsPerRequest: number | null;
  /** The bench process's CPU time (autocannon's, for every instance loaded) per request answered, µs; `null` when none was. */
  readonly loadCpuUsPerRequest: number | null;
  /** Share of the machine's CPU time (all cores) that was busy over the round, 0 to 1; `null` when unknown. */
  readonly machineBusy: number | null;
}

/** Medians over the rounds of one instance count. */
export interface RedisScaleMedians {
  readonly requestsPerSecond: number;
  /** The p99 of the slower instance of each round, ms. */
  readonly p99Ms: number;
  /** CPU time of the loaded instances per request, µs; `null` when no round answered a request. */
  readonly apiCpuUsPerRequest: number | null;
  readonly redisCpuUsPerRequest: number | null;
  readonly loadCpuUsPerRequest: number | null;
  readonly machineBusy: number | null;
  /** Requests that failed (non-2xx or errors), over all rounds. */
  readonly failed: number;
}

/** Every round of one instance count, and their medians. */
export interface RedisScaleResult {
  readonly instances: InstanceCount;
  /** In round order. */
  readonly rounds: readonly RedisScaleRun[];
  readonly median: RedisScaleMedians;
}

/** Two API instances on one Redis, measured in one run with the settings of its input. */
export interface RedisInstancesResult extends RedisInstancesInput {
  /** Settings both instances ran with, on top of the bench's (and `REDIS_URL`). */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** Fan-out bursts per placement, in the order of {@link FANOUT_PLACEMENTS}. */
  readonly bursts: readonly RedisFanoutResult[];
  /** `GET /status/:id` per instance count, in the order of {@link INSTANCE_COUNTS}. */
  readonly reads: readonly RedisScaleResult[];
}
