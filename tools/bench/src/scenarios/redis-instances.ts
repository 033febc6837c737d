import { readFileSync } from 'node:fs';
import { newCallerKey, type RedisServer, startRedisServer } from '@heygen-mock/testing';
import { inAlternatingRounds } from '../harness/alternating-rounds.js';
import type { BenchServer } from '../harness/bench-server.js';
import { completionBurst } from '../harness/completion-burst.js';
import { busyShare, parseCpuMs, parseCpuTicks } from '../harness/proc-files.js';
import { type SseLoad, startSseLoad } from '../harness/sse-load-process.js';
import { fanoutMedians, scaleMedians } from '../report/redis-instances-medians.js';
import {
  FANOUT_PLACEMENTS,
  type FanoutPlacement,
  INSTANCE_COUNTS,
  type InstanceCount,
  type RedisFanoutRun,
  type RedisFanoutSettings,
  type RedisInstancesInput,
  type RedisInstancesResult,
  type RedisScaleRun,
} from '../report/redis-instances-types.js';
import { checkTableInput, fillTable, readRun, requirePositiveInteger, STORE_SERVER_ENV, type StoreTable, startStoreServer } from './store-table.js';


/** The two instances and the Redis they share, with the CPU clocks read around a measurement. */
interface Deployment {
  /** Creates the jobs; the one instance of one-instance reads. */
  readonly first: BenchServer;
  readonly second: BenchServer;
  /** redis-server's CPU time so far, ms. */
  readonly redisCpuMs: () => number;
}

function checkInput(input: RedisInstancesInput): void {
  checkTableInput(input);
  requirePositiveInteger('fanout.callers', input.fanout.callers);
  requirePositiveInteger('fanout.connectionsPerCaller', input.fanout.connectionsPerCaller);
  requirePositiveInteger('fanout.jobsPerCaller', input.fanout.jobsPerCaller);
  requirePositiveInteger('fanout.rounds', input.fanout.rounds);
}

const processCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const machineTicks = () => parseCpuTicks(readFileSync('/proc/stat', 'utf8'));

/**
 * One round of reads: an autocannon run per table's server, all at once from this process, the
 * same settings each; the rate is their sum.
 */
async function scaleRound(tables: readonly StoreTable[], connections: number, durationS: number, redisCpuMs: () => number): Promise<RedisScaleRun> {
  const ticks = machineTicks();
  const redisBefore = redisCpuMs();
  const loadBefore = processCpuMs();
  const runs = await Promise.all(tables.map((table) => readRun(table, connections, durationS)));
  const loadMs = processCpuMs() - loadBefore;
  const redisMs = redisCpuMs() - redisBefore;
  const machineBusy = busyShare(ticks, machineTicks());
  const total = runs.reduce((sum, run) => sum + run.total, 0);
  const perRequest = (ms: number): number | null => (total > 0 ? (ms * 1000) / total : null);
  return {
    instances: tables.length as InstanceCount,
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0),
    runs,
    redisCpuUsPerRequest: perRequest(redisMs),
    loadCpuUsPerRequest: perRequest(loadMs),
    machineBusy,
  };
}

/**
 * One fan-out burst: fresh callers open their streams on `holder`, their jobs are created on the
 * first instance to complete together, and the completions reaching the streams are counted.
 */
async function fanoutRound(load: SseLoad, deployment: Deployment, holder: BenchServer, settings: RedisFanoutSettings): Promise<RedisFanoutRun> {
  const { first, second, redisCpuMs } = deployment;
  const callerKeys = Array.from({ length: settings.callers }, () => newCallerKey());
  try {
    for (const key of callerKeys) {
      const opening = await load.open(holder.url, settings.connectionsPerCaller, key, 10_000);
      if (opening.failed > 0) throw new Error(`${opening.failed} of ${settings.connectionsPerCaller} streams failed: ${opening.errors.join('; ')}`);
    }
    const burst = await completionBurst(load, {
      createUrl: first.url,
      callerKeys,
      jobsPerCaller: settings.jobsPerCaller,
      createMsPerJob: settings.createMsPerJob,
      leadMs: settings.leadMs,
      cpuClocks: { api: () => first.cpuMs() + second.cpuMs(), redis: redisCpuMs },
    });
    return {
      expected: settings.callers * settings.connectionsPerCaller * settings.jobsPerCaller,
      delivered: burst.delivered,
      spanMs: burst.spanMs,
      eventsPerSecond: burst.delivered / (burst.spanMs / 1000),
      late: burst.late,
      apiCpuMs: burst.cpuMs['api'] ?? 0,
      redisCpuMs: burst.cpuMs['redis'] ?? 0,
      receiverCpuMs: burst.receiverCpuMs,
    };
  } finally {
    await load.close();
  }
}

const describeScale = (r: RedisScaleRun): string => {
  const each = r.runs.length > 1 ? ` (${r.runs.map((run) => Math.round(run.requestsPerSecond)).join(' + ')})` : '';
  const busy = r.machineBusy === null ? '' : `, machine ${Math.round(r.machineBusy * 100)}% busy`;
  return `${Math.round(r.requestsPerSecond)} req/s${each}, Redis ${r.redisCpuUsPerRequest?.toFixed(1)} µs CPU/request${busy}`;
};

const describeFanout = (r: RedisFanoutRun): string =>
  `${Math.round(r.eventsPerSecond)} events/s, ${r.delivered} of ${r.expected} in ${Math.round(r.spanMs)} ms, ${r.late} late`;

/**
 * Measures two API instances on one Redis (`JOB_STORE=redis`, on a redis-server this scenario
 * starts and stops, without persistence), with the store scenario's server settings but finished
 * jobs kept for a minute:
 *
 * 1. `GET /status/:id` with autocannon on the first instance alone, then on both at once (one
 *    autocannon run per instance, in parallel from this process, the same settings each; the
 *    rates summed), in alternating rounds. Both instances run throughout; in one-instance rounds
 *    the second takes no requests. The reads rotate through ids of jobs held pending on Redis,
 *    created through the first instance. Besides the rate: Redis's and this process's CPU per
 *    request, and how busy the whole machine was.
 * 2. Event fan-out: fresh callers each open streams, their jobs are created on the first instance
 *    to complete at one common instant, and the completion events reaching the streams (in the
 *    SSE load process) are counted, from that instant to the last; the streams are held on the
 *    first instance (`same`) or on the second (`crossing`), in alternating rounds.
 *
 * @param input - settings
 * @returns every round of both parts, and their medians
 * @throws RangeError naming a setting out of range
 */
export async function runRedisInstances(input: RedisInstancesInput): Promise<RedisInstancesResult> {
  checkInput(input);
  const servers: BenchServer[] = [];
  let redis: RedisServer | null = null;
  // Forked now, so that it loads while the servers start.
  const load = startSseLoad();
  try {
    redis = await startRedisServer();
    const redisServer = redis;
    // Both at once: starting and filling is not measured. Settled, so that every server started is stopped.
    const started = await Promise.allSettled(
      [0, 1].map(async () => {
        const server = await startStoreServer('redis', redisServer, STORE_SERVER_ENV);
        servers.push(server);
        return server;
      }),
    );
    const [first, second] = started.map((settled) => {
      if (settled.status === 'rejected') throw settled.reason;
      return settled.value;
    }) as [BenchServer, BenchServer];
    const deployment: Deployment = { first, second, redisCpuMs: () => parseCpuMs(readFileSync(`/proc/${redisServer.pid}/stat`, 'utf8')) };
    const table = await fillTable(first, input);
    // The same jobs, read through the other instance.
    const tables: Readonly<Record<InstanceCount, readonly StoreTable[]>> = { 1: [table], 2: [table, { ...table, server: second, cpuMs: () => second.cpuMs() }] };
    const { connections, durationS, rounds, warmupS, fanout } = input;

    if (warmupS > 0) for (const t of tables[2]) await readRun(t, connections, warmupS);
    const scale = await inAlternatingRounds(
      INSTANCE_COUNTS,
      rounds,
      (count) => scaleRound(tables[count], connections, durationS, deployment.redisCpuMs),
      (count, round, r) => console.error(`[redis-instances] read round ${round}, ${count} instance(s): ${describeScale(r)}`),
    );

    const holders: Readonly<Record<FanoutPlacement, BenchServer>> = { same: first, crossing: second };
    if (fanout.warmup) for (const placement of FANOUT_PLACEMENTS) await fanoutRound(load, deployment, holders[placement], fanout);
    const bursts = await inAlternatingRounds(
      FANOUT_PLACEMENTS,
      fanout.rounds,
      (placement) => fanoutRound(load, deployment, holders[placement], fanout),
      (placement, round, r) => console.error(`[redis-instances] fan-out round ${round}, ${placement}: ${describeFanout(r)}`),
    );

    return {
      ...input,
      serverEnv: STORE_SERVER_ENV,
      reads: INSTANCE_COUNTS.map((instances) => {
        const runs = scale.get(instances) ?? [];
        return { instances, rounds: runs, median: scaleMedians(runs) };
      }),
      bursts: FANOUT_PLACEMENTS.map((placement) => {
        const runs = bursts.get(placement) ?? [];
        return { placement, rounds: runs, median: fanoutMedians(runs) };
      }),
    };
  } finally {
    await load.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  }
}
