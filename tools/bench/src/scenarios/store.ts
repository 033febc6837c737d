import { readFileSync } from 'node:fs';
import { newCallerKey, type RedisServer, startRedisServer, waitFor } from '@heygen-mock/testing';
import { inAlternatingRounds } from '../harness/alternating-rounds.js';
import type { BenchServer } from '../harness/bench-server.js';
import { sleep } from '../harness/clock.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit, Latch } from '../harness/latch.js';
import { measureLoad } from '../harness/load-run.js';
import { parseCpuMs } from '../harness/proc-files.js';
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
import { checkTableInput, CREATE_CONCURRENCY, fillTable, readRun, requirePositiveInteger, STORE_SERVER_ENV, type StoreTable, startStoreServer } from './store-table.js';

/** How much a job outlives the create run that made it: no completion falls within a run. */
const CREATE_OVERRUN_MS = 500;

/** A server under test, with its table's caller and the ids the reads rotate through. */
interface Target extends StoreTable {
  readonly store: StoreDriver;
}

function checkInput(input: StoreInput): void {
  checkTableInput(input);
  requirePositiveInteger('notification.jobs', input.notification.jobs);
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
  const { correctedP99Ms: _, ...run } = await measureLoad(target, {
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
  const byTarget = await inAlternatingRounds(targets, rounds, measure, (target, round, result) =>
    console.error(`[store] ${part} round ${round} ${target.store}: ${describe(result)}`),
  );
  return new Map([...byTarget].map(([target, results]) => [target.store, results]));
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
 * Measures what keeping jobs in SQLite or in Redis costs beside keeping them in memory: the API
 * three times, with `JOB_STORE=sqlite` (a file of its own in a temporary folder, made by the
 * workspace's launcher), `JOB_STORE=memory` and `JOB_STORE=redis` (on a redis-server this
 * scenario starts and stops, without persistence), all started at once and each holding the same
 * number of pending jobs. Three parts, each a warm-up per server and then rounds that load the
 * servers one after the other, the order alternating, so that a change in the machine's other
 * work falls on all alike; the report takes medians over the rounds.
 *
 * 1. `POST /create` with autocannon, each run under a fresh caller key; its jobs outlive it, so no
 *    completion falls within a run, and are awaited until forgotten before the next run, so every
 *    run starts from the same table.
 * 2. `GET /status/:id` with autocannon, the ids of some of the held jobs in rotation.
 * 3. Notification latency: jobs planned to complete one after the other, watched by one event
 *    stream of their caller, from the planned completion to the arrival of the final state.
 *
 * @param input - settings
 * @returns every round of every part of every store, and their medians
 * @throws RangeError naming a setting out of range
 */
export async function runStore(input: StoreInput): Promise<StoreResult> {
  checkInput(input);
  const servers: BenchServer[] = [];
  let redis: RedisServer | null = null;
  try {
    redis = STORE_DRIVERS.some((store) => store === 'redis') ? await startRedisServer() : null;
    const redisServer = redis;
    // Redis's work for a request is done in redis-server: its CPU time is charged to the Redis store's runs too.
    const redisCpuMs = (): number => (redisServer === null ? 0 : parseCpuMs(readFileSync(`/proc/${redisServer.pid}/stat`, 'utf8')));
    // All at once: starting and filling is not measured. Settled, so that every server started is stopped.
    const setup = await Promise.allSettled(
      STORE_DRIVERS.map(async (store): Promise<Target> => {
        const server = await startStoreServer(store, redisServer);
        servers.push(server);
        const cpuMs = store === 'redis' ? () => server.cpuMs() + redisCpuMs() : () => server.cpuMs();
        return { store, ...(await fillTable(server, input, cpuMs)) };
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
    await redis?.stop();
  }
}
