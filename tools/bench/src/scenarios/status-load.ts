import autocannon from 'autocannon';
import { newCallerKey } from '@heygen-mock/testing';
import { startBenchServer } from '../harness/bench-server.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit } from '../harness/latch.js';
import type { StatusLoadResult } from '../report/result-types.js';

/** One autocannon run. */
export interface StatusLoadRun {
  readonly label: string;
  readonly connections: number;
  readonly durationS: number;
  /** Requests per second to offer, or `null` for as many as the server answers. */
  readonly offeredRate: number | null;
}

/** Input of the status-read load scenario. */
export interface StatusLoadInput {
  /** Pending jobs whose ids the requests rotate through. */
  readonly jobs: number;
  readonly runs: readonly StatusLoadRun[];
}

/**
 * Measures `GET /status/:id` throughput and latency on one fresh server process with
 * autocannon, against pending jobs of one caller, the id changing on every request.
 *
 * @param input - the jobs and the runs, done one after the other
 * @returns one result per run
 */
export async function runStatusLoad(input: StatusLoadInput): Promise<StatusLoadResult[]> {
  const server = await startBenchServer();
  const key = newCallerKey();
  try {
    const ids: string[] = [];
    // Long enough to stay pending through every run.
    await forEachLimit(Array.from({ length: input.jobs }), 16, async () => {
      ids.push((await createJobLasting(server.url, key, 3_600_000)).id);
    });
    const results: StatusLoadResult[] = [];
    for (const run of input.runs) {
      let next = 0;
      const result = await autocannon({
        url: server.url,
        connections: run.connections,
        duration: run.durationS,
        ...(run.offeredRate === null ? {} : { overallRate: run.offeredRate }),
        headers: { authorization: `Bearer ${key}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: `/status/${ids[next++ % ids.length]}` }),
          },
        ],
      });
      results.push({
        ...run,
        jobs: input.jobs,
        requestsPerSecond: result.requests.total / result.duration,
        latencyMs: {
          p50: result.latency.p50,
          p97_5: result.latency.p97_5,
          p99: result.latency.p99,
          max: result.latency.max,
          mean: result.latency.mean,
        },
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}
