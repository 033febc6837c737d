/** The server's event-loop delay over a window, measured inside its process (ms). */
export interface LoopDelay {
  /** Timer samples in the window: about one per 10 ms while the loop is free. */
  readonly samples: number;
  /** Percentiles of the time between two 10 ms timer ticks: an idle loop reads about 10 ms. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** Share of the window the loop was busy (`performance.eventLoopUtilization`). */
  readonly utilization: number;
}

/** Many invented keys, one day-long job each, progress due every few ms. */
export interface AbuseKeysResult {
  readonly keys: number;
  /** How long the server's resident memory is watched from the first create, s. */
  readonly durationS: number;
  readonly progressIntervalMs: number;
  readonly created: number;
  /** Creates that did not answer 201, with up to three reasons. */
  readonly failed: number;
  readonly errors: readonly string[];
  readonly createMs: number;
  /** `VmRSS` before the first create (median of five readings), at the end (median of the last second) and the highest sample. */
  readonly rssBeforeBytes: number;
  readonly rssEndBytes: number;
  readonly rssPeakBytes: number;
  /** Live heap (`heapUsed` after a forced full collection) before and at the end. */
  readonly heapBeforeBytes: number;
  readonly heapEndBytes: number;
  /** CPU time the server used over the watched span, ms. */
  readonly serverCpuMs: number;
}

/** SSE connects of one caller that has very many pending jobs. */
export interface AbuseEventLoopResult {
  readonly jobs: number;
  readonly connects: number;
  readonly created: number;
  readonly createFailed: number;
  readonly createMs: number;
  /** The event loop while the jobs were created. */
  readonly creating: LoopDelay;
  /** The event loop from the first connect until every stream had received its snapshot. */
  readonly connecting: LoopDelay;
  readonly opened: number;
  readonly failed: number;
  readonly errors: readonly string[];
  /** Snapshot events expected (jobs × opened streams) and received. */
  readonly eventsExpected: number;
  readonly eventsReceived: number;
  /** From the first connect to the last snapshot event, ms. */
  readonly connectMs: number;
}

/** What event streams delivered of the final states of their callers' jobs. */
export interface FinalStateTally {
  /** Final job states expected: each job × the streams of its caller. */
  readonly expected: number;
  /** Final states received (once or more). */
  readonly delivered: number;
  /** Final states that never arrived. */
  readonly lost: number;
  /** Events received again: a final state twice, or an event id not above the previous one. */
  readonly duplicates: number;
  /** Events received in all (every state, snapshots and replays included). */
  readonly events: number;
  /** Streams the server ended that resumed with `Last-Event-ID`, as a browser's `EventSource` would. */
  readonly reconnects: number;
}

/** Many SSE connections held while jobs start and finish, for minutes. */
export interface AbuseSoakResult extends FinalStateTally {
  readonly callers: number;
  readonly connections: number;
  /** Measured span after the warm-up, s. */
  readonly durationS: number;
  readonly warmupS: number;
  readonly jobsPerSecond: number;
  readonly jobDurationMs: readonly [number, number];
  /** The server settings that shape the run (progress, retention, limits). */
  readonly serverEnv: Readonly<Record<string, string>>;
  readonly opened: number;
  readonly failed: number;
  readonly jobsCreated: number;
  readonly createFailed: number;
  /** `VmRSS` at the end of the warm-up and at the end (medians of five readings), and the highest sample between. */
  readonly rssBaselineBytes: number;
  readonly rssEndBytes: number;
  readonly rssPeakBytes: number;
  /** (end − baseline) / baseline. */
  readonly rssGrowth: number;
}

/** The abuse scenario: what the server does with callers that push its limits. */
export interface AbuseResult {
  readonly keys: AbuseKeysResult | null;
  readonly eventLoop: AbuseEventLoopResult | null;
  readonly soak: AbuseSoakResult | null;
}
