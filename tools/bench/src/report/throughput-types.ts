/** The servers the throughput scenario loads, in the order of every round. */
export const THROUGHPUT_SERVERS = ['ours', 'ours-logging', 'original', 'bare'] as const;

/**
 * One of {@link THROUGHPUT_SERVERS}: the API as the bench runs it (`LOG_LEVEL=warn`), the API
 * at its default `LOG_LEVEL=log` (one log line per request, as the original wrote), the
 * reference with the original server's shape, and the bare Fastify route.
 */
export type ThroughputServer = (typeof THROUGHPUT_SERVERS)[number];

/** Latency percentiles of an autocannon run, ms, from the response times autocannon measured (2xx only). */
export interface LoadLatency {
  readonly p50: number;
  readonly p97_5: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** One autocannon run of `GET /status/:id` against one server. */
export interface LoadRun {
  readonly requestsPerSecond: number;
  readonly latencyMs: LoadLatency;
  /** Requests answered. */
  readonly total: number;
  readonly non2xx: number;
  readonly errors: number;
  /** The server process's CPU time (user + system) over the run divided by `total`, µs; `null` when nothing was answered. */
  readonly cpuUsPerRequest: number | null;
  /**
   * The load generator's CPU time over the run divided by `total`, µs: the bench process's, in
   * which autocannon runs. On a machine with as many cores as processes under load, the side
   * that costs more per request sets the rate. `null` when nothing was answered.
   */
  readonly loadCpuUsPerRequest: number | null;
}

/** Medians over the rounds of one server. */
export interface ThroughputMedians {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number | null;
  readonly loadCpuUsPerRequest: number | null;
}

/** Every round of one server, and their medians. */
export interface ThroughputServerResult {
  readonly server: ThroughputServer;
  readonly rounds: readonly LoadRun[];
  readonly median: ThroughputMedians;
}

/** One server at a fixed offered rate. */
export interface OfferedRun extends LoadRun {
  readonly server: ThroughputServer;
  /** Requests per second offered (autocannon `overallRate`). */
  readonly rate: number;
  readonly connections: number;
  readonly durationS: number;
  /**
   * autocannon's own p99, which adds to each response slower than `ceil(1 / rate)` ms (1 ms
   * at 100 requests per second per connection) a synthetic sample per millisecond above it,
   * as its correction for coordinated omission.
   */
  readonly correctedP99Ms: number;
}

/** `GET /status/:id` on the API and on the two references, measured in one run. */
export interface ThroughputResult {
  /** Pending jobs per server whose ids the requests rotate through. */
  readonly jobs: number;
  readonly connections: number;
  /** Length of one round's run per server, s. */
  readonly durationS: number;
  readonly rounds: number;
  /** Fresh processes of every server, which shared the rounds evenly. */
  readonly forks: number;
  readonly servers: readonly ThroughputServerResult[];
  /** Every server at the same fixed rate after the rounds, one after the other; empty when skipped. */
  readonly offered: readonly OfferedRun[];
}
