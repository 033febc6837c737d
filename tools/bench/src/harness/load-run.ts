import autocannon from 'autocannon';
import type { LoadRun } from '../report/throughput-types.js';
import { percentile, summarize } from '../stats/percentiles.js';
import type { BenchServer } from './bench-server.js';

/** An autocannon run as the report keeps it, with autocannon's own corrected p99 beside it. */
export type MeasuredLoadRun = LoadRun & {
  /** autocannon's p99, corrected for coordinated omission (see `OfferedRun.correctedP99Ms`), ms. */
  readonly correctedP99Ms: number;
};

/** An autocannon run and the response time of every 2xx answer, ms. */
function autocannonRun(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error: unknown, result) => (error ? reject(error as Error) : resolve({ result, times })));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
}

/**
 * Runs autocannon against a server and measures it: requests per second answered, latency
 * percentiles of the 2xx answers from the response times autocannon measured (its histogram
 * keeps whole milliseconds only), the answers that failed, and the CPU time over the run per
 * request answered of the server process and of this one, which runs autocannon.
 *
 * @param server - the server under load, for its CPU clock
 * @param options - the autocannon run: URL, method, body, headers, connections, duration or rate
 * @returns the run
 * @throws Error when autocannon cannot run
 */
export async function measureLoad(server: Pick<BenchServer, 'cpuMs'>, options: autocannon.Options): Promise<MeasuredLoadRun> {
  const cpuBefore = server.cpuMs();
  const loadBefore = process.cpuUsage();
  const { result, times } = await autocannonRun(options);
  const cpuMs = server.cpuMs() - cpuBefore;
  const load = process.cpuUsage(loadBefore);
  const total = result.requests.total;
  const sorted = times.sort((a, b) => a - b);
  const summary = summarize(sorted);
  return {
    requestsPerSecond: total / result.duration,
    latencyMs: {
      p50: summary?.p50 ?? 0,
      p97_5: sorted.length > 0 ? percentile(sorted, 97.5) : 0,
      p99: summary?.p99 ?? 0,
      max: summary?.max ?? 0,
      mean: summary?.mean ?? 0,
    },
    total,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuUsPerRequest: total > 0 ? (cpuMs * 1000) / total : null,
    loadCpuUsPerRequest: total > 0 ? (load.user + load.system) / total : null,
    correctedP99Ms: result.latency.p99,
  };
}
