import type { ApiConfig } from '@heygen-mock/api';
import type { Summary } from '../stats/percentiles.js';
import type { LoadRun, ThroughputMedians } from './throughput-types.js';

/**
 * The job stores the store scenario compares (`JOB_STORE`), in the order of its odd rounds.
 * `redis` runs on a redis-server that the scenario starts for it.
 */
export const STORE_DRIVERS = ['sqlite', 'memory', 'redis'] as const satisfies readonly ApiConfig['jobStore'][];

/** One of {@link STORE_DRIVERS}. */
export type StoreDriver = (typeof STORE_DRIVERS)[number];

/** Every autocannon round of one store in one part (creates or reads), and their medians. */
export interface StoreLoadResult {
  readonly store: StoreDriver;
  /** In round order. */
  readonly rounds: readonly LoadRun[];
  readonly median: ThroughputMedians;
}

/** One round of notifications on one store. */
export interface NotificationRun {
  /** Jobs created, each planned to complete at its own instant. */
  readonly jobs: number;
  /** Jobs whose final state arrived on the stream. */
  readonly received: number;
  /** Jobs whose final state did not arrive within the grace period. */
  readonly lost: number;
  /** Jobs created after their planned completion instant (they complete at once). */
  readonly late: number;
  /** Arrival of the final state minus the planned completion (`expectedCompletionAt`), ms, over the jobs received. */
  readonly latencyMs: Summary | null;
}

/** Medians over the rounds of one store's notifications. */
export interface NotificationMedians {
  /** Medians of each round's p50 and p99, ms; `null` when no round received a final state. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** The highest latency of any round, ms. */
  readonly maxMs: number | null;
  /** Final states lost over all rounds. */
  readonly lost: number;
}

/** Every notification round of one store, and their medians. */
export interface StoreNotificationResult {
  readonly store: StoreDriver;
  /** In round order. */
  readonly rounds: readonly NotificationRun[];
  readonly median: NotificationMedians;
}

/** The notification part's settings. */
export interface NotificationSettings {
  /** Jobs per round and store. */
  readonly jobs: number;
  /** From the start of a round to the first planned completion: time to create the jobs, ms. */
  readonly leadMs: number;
  /** The planned completions follow one another evenly over this span, ms. */
  readonly spreadMs: number;
  /** Wait beyond the last planned completion before a final state counts as lost, ms. */
  readonly graceMs: number;
  /** Jobs of a warm-up round per store before the rounds, not counted; 0 for none. */
  readonly warmupJobs: number;
}

/** A table of pending jobs and the autocannon runs that load it, as the store scenarios share them. */
export interface TableLoadSettings {
  /** Pending jobs each server holds throughout, created before anything is measured. */
  readonly tableJobs: number;
  /** Of those, the jobs whose ids the reads rotate through; at most `tableJobs`. */
  readonly readJobs: number;
  /** autocannon connections per server loaded, the same for every server and part. */
  readonly connections: number;
  /** One autocannon run per server loaded, part and round, s. */
  readonly durationS: number;
  /** Rounds of each part, each loading every server (or setting), the order alternating from round to round. */
  readonly rounds: number;
  /** A run per server and part before the rounds, for the JIT compiler and caches, s; 0 for none. */
  readonly warmupS: number;
}

/** Input of the store scenario. */
export interface StoreInput extends TableLoadSettings {
  readonly notification: NotificationSettings;
}

/** The API with `JOB_STORE=sqlite` and `JOB_STORE=redis` beside `JOB_STORE=memory`, measured in one run with the settings of its input. */
export interface StoreResult extends StoreInput {
  /** Settings every server ran with, on top of the bench's (Redis's server also with `REDIS_URL`). */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** How much a created job outlives the run that created it, ms. */
  readonly createOverrunMs: number;
  /** `POST /create`, per store in the order of {@link STORE_DRIVERS}. */
  readonly create: readonly StoreLoadResult[];
  /** `GET /status/:id`, per store in the order of {@link STORE_DRIVERS}. */
  readonly read: readonly StoreLoadResult[];
  /** Final states on an event stream, per store in the order of {@link STORE_DRIVERS}. */
  readonly notifications: readonly StoreNotificationResult[];
}
