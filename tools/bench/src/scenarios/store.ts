import { newCallerKey, waitFor } from '@heygen-mock/testing';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit, Latch } from '../harness/latch.js';
import { measureLoad } from '../harness/load-run.js';
import { SseFinalStates } from '../load/sse-final-states.js';
import { SseStream } from '../load/sse-stream.js';
import { formatMs } from '../report/format.js';
import { notificationMedians } from '../report/notification-medians.js';
import {
  type NotificationRun,
  type NotificationSettings,
  STORE_DRIVERS,
  type StoreDriver,
  type StoreLoadResult,
  type StoreInput,
  type StoreResult,
} from '../report/store-types.js';
import { throughputMedians } from '../report/throughput-medians.js';
import type { LoadRun } from '../report/throughput-types.js';
import { summarize } from '../stats/percentiles.js';

/**
 * Settings of both servers on top of the bench's: the quotas at the largest values the API's
 * configuration accepts (`loadConfig`), so that no create of a run is refused, and a job forgotten
 * as soon as it ends, so that the jobs of one run are gone before the next starts.
 */
export const STORE_SERVER_ENV: Readonly<Record<string, string>> = {
  CREATE_RATE_PER_S: '1000000',
  CREATE_BURST: '100000000',
  MAX_PENDING_JOBS_PER_CALLER: '100000000',
  MAX_JOBS: '100000000',
  JOB_RETENTION_MS: '0',
};

/** How much a job outlives the create run that made it: no completion falls within a run. */
const CREATE_OVERRUN_MS = 500;
/** The table's jobs stay pending through every part. */
const TABLE_JOB_MS = 3_600_000;
/** Creates in flight at once when filling a table and in a notification round. */
const CREATE_CONCURRENCY = 16;

/** A server under test, with its table's caller and the ids the reads rotate through. */
interface Target {
  readonly store: StoreDriver;
  readonly server: BenchServer;
  readonly key: string;
  readonly readIds: readonly string[];
}

function checkInput(input: StoreInput): void {
  const positive = (name: string, value: number): void => {
    if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`Expected \`${name}\` to be a positive integer, got ${value}.`);
  };
  positive('tableJobs', input.tableJobs);
  positive('readJobs', input.readJobs);
  positive('connections', input.connections);
  positive('durationS', input.durationS);
  positive('rounds', input.rounds);
  positive('notification.jobs', input.notification.jobs);
  if (input.readJobs > input.tableJobs) throw new RangeError(`Expected \`readJobs\` (${input.readJobs}) to be at most \`tableJobs\` (${input.tableJobs}).`);
}

/** Fills a server's table with pending jobs of one caller; the reads take every n-th, spread over it. */
async function fillTable(store: StoreDriver, server: BenchServer, input: StoreInput): Promise<Target> {
  const key = newCallerKey();
  const ids: string[] = Array.from({ length: input.tableJobs }, () => '');
  await forEachLimit(ids, CREATE_CONCURRENCY, async (_, index) => {
    ids[index] = (await createJobLasting(server.url, key, TABLE_JOB_MS)).id;
  });
  const step = Math.floor(input.tableJobs / input.readJobs);
  return { store, server, key, readIds: ids.filter((_, i) => i % step === 0).slice(0, input.readJobs) };
}

/**
 * Waits until the jobs of a create run have ended and been forgotten: a job of the same duration
 * created after them is due after all of them, so once it is gone (`JOB_RETENTION_MS=0`), so are they.
 */
async function awaitForgotten(url: string, key: string, durationMs: number): Promise<void> {
  const last = await createJobLasting(url, key, durationMs);
  await sleep(durationMs);
  await waitFor(
    async () => {
      const response = await fetch(`${url}/status/${last.id}`, { headers: { authorization: `Bearer ${key}` } });
      await response.arrayBuffer();
      return response.status === 404;
    },
    { what: `job ${last.id} to be forgotten`, timeoutMs: 60_000, intervalMs: 50 },
  );
}

/** One autocannon run of `POST /create` under a fresh caller key, then the wait until its jobs are gone. */
async function createRun(target: Target, connections: number, durationS: number): Promise<LoadRun> {
  const key = newCallerKey();
  const durationMs = durationS * 1000 + CREATE_OVERRUN_MS;
  const { correctedP99Ms: _, ...run } = await measureLoad(target.server, {
    url: `${target.server.url}/create`,
    method: 'POST',
    body: JSON.stringify({ durationMs }),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    connections,
    duration: durationS,
  });
  await awaitForgotten(target.server.url, key, durationMs);
  return run;
}

/** One autocannon run of `GET /status/:id` with the table's read ids in rotation. */
async function readRun(target: Target, connections: number, durationS: number): Promise<LoadRun> {
  let next = 0;
  const { correctedP99Ms: _, ...run } = await measureLoad(target.server, {
    url: target.server.url,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${target.key}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/status/${target.readIds[next++ % target.readIds.length]}` }) }],
  });
  return run;
}

/**
 * One notification round: a fresh caller opens one event stream, then creates `jobs` jobs planned
 * to complete one after the other over `spreadMs`, the first `leadMs` after the round began; each
 * final state's arrival is compared with the job's planned completion.
 */
async function notificationRound(target: Target, settings: NotificationSettings, jobs: number): Promise<NotificationRun> {
  const key = newCallerKey();
  const latch = new Latch(jobs);
  const finals = new SseFinalStates(() => latch.countDown());
  const stream = new SseStream(target.server.url, key, null, (chunk, receivedAt) => finals.feed(chunk, receivedAt));
  const ids: string[] = [];
  let late = 0;
  try {
    await stream.connect(10_000);
    const firstAt = Date.now() + settings.leadMs;
    const gapMs = jobs > 1 ? settings.spreadMs / (jobs - 1) : 0;
    const plannedAt = Array.from({ length: jobs }, (_, i) => firstAt + i * gapMs);
    await forEachLimit(plannedAt, CREATE_CONCURRENCY, async (at) => {
      const durationMs = at - Date.now();
      if (durationMs < 0) late++;
      ids.push((await createJobLasting(target.server.url, key, durationMs)).id);
    });
    await latch.wait(Math.max(0, firstAt + settings.spreadMs - Date.now()) + settings.graceMs);
  } finally {
    stream.close();
  }
  const latencies = ids.flatMap((id) => {
    const arrival = finals.get(id);
    return arrival === undefined ? [] : [arrival.receivedAt - arrival.expectedCompletionAt];
  });
  return { jobs, received: latencies.length, lost: jobs - latencies.length, late, latencyMs: summarize(latencies) };
}

/** Runs `measure` on every target in each round, the order alternating, and keeps the results per store. */
async function inRounds<T>(targets: readonly Target[], rounds: number, part: string, measure: (target: Target) => Promise<T>, describe: (result: T) => string): Promise<Map<StoreDriver, T[]>> {
  const results = new Map<StoreDriver, T[]>(STORE_DRIVERS.map((store) => [store, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const result = await measure(target);
      results.get(target.store)?.push(result);
      console.error(`[store] ${part} round ${round + 1} ${target.store}: ${describe(result)}`);
    }
  }
  return results;
}

function loadResults(runs: ReadonlyMap<StoreDriver, LoadRun[]>): StoreLoadResult[] {
  return STORE_DRIVERS.map((store) => {
    const rounds = runs.get(store) ?? [];
    return { store, rounds, median: throughputMedians(rounds) };
  });
}

const describeLoad = (run: LoadRun): string =>
  `${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latencyMs.p99.toFixed(1)} ms, ${run.cpuUsPerRequest?.toFixed(1)} µs CPU/request, ${run.non2xx + run.errors} failed`;

/**
 * Measures what keeping jobs in SQLite costs beside keeping them in memory: the API twice, with
 * `JOB_STORE=sqlite` (a file of its own in a temporary folder, made by the workspace's launcher)
 * and `JOB_STORE=memory`, both started at once and each holding the same number of pending jobs.
 * Three parts, each a warm-up per server and then rounds that load the servers one after the
 * other, the order alternating, so that a change in the machine's other work falls on both alike;
 * the report takes medians over the rounds.
 *
 * 1. `POST /create` with autocannon, each run under a fresh caller key; its jobs outlive it, so no
 *    completion falls within a run, and are awaited until forgotten before the next run, so every
 *    run starts from the same table.
 * 2. `GET /status/:id` with autocannon, the ids of some of the held jobs in rotation.
 * 3. Notification latency: jobs planned to complete one after the other, watched by one event
 *    stream of their caller, from the planned completion to the arrival of the final state.
 *
 * @param input - settings
 * @returns every round of every part of both stores, and their medians
 * @throws RangeError naming a setting out of range
 */
export async function runStore(input: StoreInput): Promise<StoreResult> {
  checkInput(input);
  const servers: BenchServer[] = [];
  try {
    // Both at once: starting and filling is not measured. Settled, so that every server started is stopped.
    const setup = await Promise.allSettled(
      STORE_DRIVERS.map(async (store) => {
        const server = await startBenchServer({ env: { ...STORE_SERVER_ENV, JOB_STORE: store } });
        servers.push(server);
        return fillTable(store, server, input);
      }),
    );
    const targets = setup.map((settled) => {
      if (settled.status === 'rejected') throw settled.reason;
      return settled.value;
    });
    const { connections, durationS, rounds, warmupS, notification } = input;

    if (warmupS > 0) for (const target of targets) await createRun(target, connections, warmupS);
    const create = await inRounds(targets, rounds, 'create', (t) => createRun(t, connections, durationS), describeLoad);

    if (warmupS > 0) for (const target of targets) await readRun(target, connections, warmupS);
    const read = await inRounds(targets, rounds, 'read', (t) => readRun(t, connections, durationS), describeLoad);

    if (notification.warmupJobs > 0) for (const target of targets) await notificationRound(target, notification, notification.warmupJobs);
    const notified = await inRounds(targets, rounds, 'notification', (t) => notificationRound(t, notification, notification.jobs), (r) =>
      r.latencyMs === null ? `nothing received, ${r.lost} lost` : `p50 ${formatMs(r.latencyMs.p50)} ms, p99 ${formatMs(r.latencyMs.p99)} ms, ${r.lost} lost, ${r.late} late`,
    );

    return {
      serverEnv: STORE_SERVER_ENV,
      tableJobs: input.tableJobs,
      readJobs: input.readJobs,
      connections,
      durationS,
      rounds,
      warmupS,
      createOverrunMs: CREATE_OVERRUN_MS,
      create: loadResults(create),
      read: loadResults(read),
      notification,
      notifications: STORE_DRIVERS.map((store) => {
        const runs = notified.get(store) ?? [];
        return { store, rounds: runs, median: notificationMedians(runs) };
      }),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
