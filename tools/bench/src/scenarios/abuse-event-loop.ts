import autocannon from 'autocannon';
import { newCallerKey } from '@heygen-mock/testing';
import { startBenchServer } from '../harness/bench-server.js';
import { nowMs, sleep } from '../harness/clock.js';
import { startSseLoad } from '../harness/sse-load-process.js';
import type { AbuseEventLoopResult } from '../report/abuse-types.js';

/** Input of the event-loop part of the abuse scenario. */
export interface AbuseEventLoopInput {
  /** Pending jobs of the one caller. */
  readonly jobs: number;
  /** SSE connections of that caller opened together, each sent a snapshot of every job. */
  readonly connects: number;
  /** Bound on creating the jobs, and on receiving every snapshot, ms. */
  readonly timeoutMs: number;
}

/** Every job stays pending through the run. */
const JOB_DURATION_MS = 3_600_000;

/**
 * Creates `jobs` pending jobs of one caller (autocannon, 32 connections), then opens
 * `connects` event streams of that caller at once, each of which starts with a snapshot of
 * every pending job, and reads the server's event-loop delay, measured inside its process,
 * over the creation and over the connects (until every snapshot has arrived).
 *
 * @param input - jobs, connects and the bound
 * @returns the two windows' delays, and what was created and received
 */
export async function runAbuseEventLoop(input: AbuseEventLoopInput): Promise<AbuseEventLoopResult> {
  const jobs = String(input.jobs);
  const server = await startBenchServer({
    env: {
      MAX_PENDING_JOBS_PER_CALLER: jobs,
      CREATE_BURST: jobs,
      CREATE_RATE_PER_S: jobs,
      MAX_JOBS: String(input.jobs + 1000),
      MAX_STREAMS_PER_CALLER: String(Math.max(100, input.connects)),
    },
    loopDelay: true,
  });
  const load = startSseLoad();
  const key = newCallerKey();
  try {
    await server.loopDelay();
    const createStart = nowMs();
    const creation = await autocannon({
      url: `${server.url}/create`,
      method: 'POST',
      connections: 32,
      amount: input.jobs,
      timeout: Math.ceil(input.timeoutMs / 1000),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ durationMs: JOB_DURATION_MS }),
    });
    const createMs = nowMs() - createStart;
    const creating = await server.loopDelay();
    const created = creation['2xx'];
    // A quiet second, then a new window for the connects alone.
    await sleep(1000);
    await server.loopDelay();
    const connectStart = nowMs();
    const opening = await load.open(server.url, input.connects, key, input.timeoutMs);
    const { received, lastAt } = await load.events(created, input.timeoutMs);
    const connecting = await server.loopDelay();
    return {
      jobs: input.jobs,
      connects: input.connects,
      created,
      createFailed: creation.non2xx + creation.errors,
      createMs,
      creating,
      connecting,
      opened: opening.opened,
      failed: opening.failed,
      errors: opening.errors,
      eventsExpected: created * opening.opened,
      eventsReceived: received,
      connectMs: Math.max(0, lastAt - connectStart),
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}
