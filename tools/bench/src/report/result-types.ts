import type { HeyGenAPIOptions } from '@heygen-mock/client';
import type { HeapBreakdownRow } from '../stats/heap-breakdown.js';
import type { Summary } from '../stats/percentiles.js';
import type { AbuseResult } from './abuse-types.js';
import type { RedisInstancesResult } from './redis-instances-types.js';
import type { StoreResult } from './store-types.js';
import type { ThroughputResult } from './throughput-types.js';

/** A transport of the client under test. */
export type Transport = 'SSE' | 'POLL' | 'LONG_POLL';

/** A way of learning that a job finished: a client transport or the naive baseline. */
export type Strategy = Transport | 'NAIVE';

/** The strategies in report order, baseline last. */
export const STRATEGIES: readonly Strategy[] = ['SSE', 'POLL', 'LONG_POLL', 'NAIVE'];

/** How the jobs of a latency case get their durations. */
export type DurationProfile = 'fixed' | 'spread';

/**
 * Network trouble played during a latency case. `cut-at-completion`: the watcher reaches the
 * server through a TCP proxy that cuts the event stream at the moment the jobs (created
 * together) start completing, so their completions must come through the client's recovery.
 */
export type Disruption = 'cut-at-completion';

/** The machine a run was measured on. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly totalMemoryMb: number;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverage: readonly number[];
}

/** One notification-latency case: a strategy, a number of concurrent jobs, their durations. */
export interface LatencyCase {
  readonly strategy: Strategy;
  readonly jobs: number;
  readonly profile: DurationProfile;
  /** Job durations: all equal to `minMs` when fixed, uniform in [minMs, maxMs] when spread. */
  readonly minMs: number;
  readonly maxMs: number;
  /** Jobs not notified this long after the last expected completion count as missed. */
  readonly graceMs: number;
  /** Network trouble during the case; none when absent. */
  readonly disruption?: Disruption;
}

/** What a latency case measured. */
export interface LatencyResult extends LatencyCase {
  /** Completion (server `completedAt`) to callback, ms, over the notified jobs. */
  readonly latencyMs: Summary | null;
  readonly notified: number;
  /** Jobs not notified: given up on by the watcher (`failed`) or not heard of in time. */
  readonly missed: number;
  readonly failed: number;
  /** Why jobs failed: up to three distinct messages. */
  readonly errors: readonly string[];
  /** Jobs that completed before watching began: notified, but not a latency sample. */
  readonly finishedBeforeWatch: number;
  /** Time to create every job before watching them, ms (bounded concurrency). */
  readonly createMs: number;
  /** Status requests made: reads, long-polls, batch reads and stream opens. */
  readonly statusRequests: number;
  /** Event streams the disruption cut (with a disruption only). */
  readonly streamsCut?: number;
  /** p50 and p99 divided by the naive baseline's for the same jobs and profile. */
  ratioToNaive?: { readonly p50: number | null; readonly p99: number | null };
}

/** The client options that pace requests: what the cost scenario scales. */
export const PACING_OPTIONS = ['pollInterval', 'pollMaxInterval', 'longPollWaitMs', 'heartbeatTimeoutMs', 'reconnectMinMs', 'reconnectMaxMs'] as const;

/** The client options that pace requests, as the cost scenario sets them. */
export type PacingOptions = Readonly<Required<Pick<HeyGenAPIOptions, (typeof PACING_OPTIONS)[number]>>>;

/** How time was scaled down in the cost scenario, and the settings that follow from it. */
export interface CostSettings {
  /** Every duration and time setting below is the real one multiplied by this. */
  readonly scale: number;
  readonly jobsPerDuration: number;
  /** Each job's duration is the nominal one ± this share, so that completions do not coincide. */
  readonly spread: number;
  /** The server environment used (already scaled). */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** The client options used (already scaled). */
  readonly clientOptions: PacingOptions;
  /** The naive baseline's poll interval, ms (already scaled). */
  readonly naiveIntervalMs: number;
}

/** Status requests and bytes on the wire for jobs of one duration, with one strategy. */
export interface CostResult {
  readonly strategy: Strategy;
  /** The nominal (unscaled) job duration, ms. */
  readonly durationMs: number;
  readonly scaledDurationMs: number;
  readonly jobs: number;
  /** Requests seen on the wire, by kind (`status`, `long-poll`, `batch`, `stream`, ...). */
  readonly requests: Readonly<Record<string, number>>;
  readonly statusRequestsPerJob: number;
  /** Bytes sent by the client and by the server through the counting proxy. */
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly bytesPerJob: number;
  /** Jobs not notified: given up on by the watcher (`failed`) or not heard of in time. */
  readonly missed: number;
  readonly failed: number;
  /** Why jobs failed: up to three distinct messages. */
  readonly errors: readonly string[];
  ratioToNaive?: { readonly requests: number | null; readonly bytes: number | null };
}

/** Server memory while holding many SSE connections of distinct callers. */
export interface SseCapacityResult {
  readonly connections: number;
  /** The server's heartbeat interval during the run, ms. */
  readonly heartbeatMs: number;
  readonly opened: number;
  readonly failed: number;
  /** Connections that received a heartbeat after all were open. */
  readonly alive: number;
  readonly openMs: number;
  /** Resident set size (`VmRSS`), median of five readings, before opening and while holding. */
  readonly rssBeforeBytes: number;
  readonly rssHeldBytes: number;
  /** RSS after closing every connection. */
  readonly rssAfterCloseBytes: number;
  /** (held − before) / opened: the figure the target is about. */
  readonly rssPerConnectionBytes: number | null;
  /** Live heap (`heapUsed` right after a forced full collection) before opening and while holding. */
  readonly heapBeforeBytes: number;
  readonly heapHeldBytes: number;
  /** (held − before) / opened, of the live heap: JavaScript objects a connection keeps. */
  readonly heapPerConnectionBytes: number | null;
  /** What a connection's live heap is made of, from heap snapshots; `null` when not taken. */
  readonly heapBreakdown: SseHeapBreakdown | null;
}

/** The live heap a held SSE connection adds, by kind of object, from two heap snapshots. */
export interface SseHeapBreakdown {
  /** Connections opened between the snapshots. */
  readonly connections: number;
  /** Largest first; the last row, `(other)`, sums the small kinds. */
  readonly rows: readonly HeapBreakdownRow[];
}

/** Events delivered when many connections of one caller watch a burst of completions. */
export interface FanoutResult {
  readonly connections: number;
  readonly jobs: number;
  /** Completion events expected: jobs × connections. */
  readonly expected: number;
  readonly delivered: number;
  /** From the jobs' common completion instant to the last delivery, ms. */
  readonly spanMs: number;
  readonly eventsPerSecond: number;
  /** Jobs whose creation ended after the common instant (they complete a little later). */
  readonly late: number;
  /** CPU time used during the burst by the server and by the receiving load process, ms. */
  readonly serverCpuMs: number;
  readonly receiverCpuMs: number;
}

/** Size of the client bundle a browser application would ship. */
export interface BundleResult {
  readonly entry: string;
  /** The client with its dependencies, minified, and gzipped at level 9. */
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** The client's own code only, dependencies left external. */
  readonly ownMinifiedBytes: number;
  readonly ownGzipBytes: number;
}

/** A target from the issue, checked against the run. */
export interface TargetCheck {
  readonly target: string;
  /** What was measured, rendered with its unit, or why nothing was. */
  readonly measured: string;
  /** `null` when this run did not measure it. */
  readonly met: boolean | null;
  /** How far off a missed target is. */
  readonly note: string;
}

/** Everything a run measured, as written to `latest.json`. */
export interface BenchReport {
  readonly mode: 'full' | 'smoke';
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallSeconds: number;
  readonly machine: MachineInfo;
  readonly latency: readonly LatencyResult[];
  readonly cost: { readonly settings: CostSettings | null; readonly results: readonly CostResult[] };
  readonly server: {
    readonly sse: readonly SseCapacityResult[];
    readonly fanout: readonly FanoutResult[];
  };
  /** The API against the two reference servers, or `null` when the run left it out. */
  readonly throughput: ThroughputResult | null;
  /** The API on SQLite and on Redis beside the API in memory, or `null` when the run left it out. */
  readonly store: StoreResult | null;
  /** Two API instances on one Redis, or `null` when the run left it out. */
  readonly redisInstances: RedisInstancesResult | null;
  readonly abuse: AbuseResult;
  readonly bundle: BundleResult | null;
  readonly targets: readonly TargetCheck[];
  /** Scenarios that did not complete, with the reason. */
  readonly failures: readonly { readonly scenario: string; readonly message: string }[];
}
