import { newCallerKey, type RedisServer } from '@heygen-mock/testing';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit } from '../harness/latch.js';
import { measureLoad } from '../harness/load-run.js';
import type { StoreDriver, TableLoadSettings } from '../report/store-types.js';
import type { LoadRun } from '../report/throughput-types.js';

/**
 * Settings of every store server on top of the bench's: the quotas at the largest values the
 * API's configuration accepts (`loadConfig`), so that no create of a run is refused, and a job
 * forgotten as soon as it ends, so that the jobs of one run are gone before the next starts.
 */
export const STORE_SERVER_ENV: Readonly<Record<string, string>> = {
  CREATE_RATE_PER_S: '1000000',
  CREATE_BURST: '100000000',
  MAX_PENDING_JOBS_PER_CALLER: '100000000',
  MAX_JOBS: '100000000',
  JOB_RETENTION_MS: '0',
};

/** The table's jobs stay pending through every part. */
const TABLE_JOB_MS = 3_600_000;
/** Creates in flight at once when filling a table. */
export const CREATE_CONCURRENCY = 16;

/** A server holding a table of pending jobs of one caller, and the ids that reads rotate through. */
export interface StoreTable {
  readonly server: BenchServer;
  /** The CPU time (ms so far) that load runs on the server are charged with. */
  readonly cpuMs: () => number;
  /** The caller of the table's jobs. */
  readonly key: string;
  readonly readIds: readonly string[];
}

/** The sizes of a table. */
export interface TableSizes {
  /** Pending jobs the table holds. */
  readonly tableJobs: number;
  /** Of those, the jobs whose ids the reads rotate through, spread evenly over the table. */
  readonly readJobs: number;
}

/**
 * Starts the API on one job store with {@link STORE_SERVER_ENV}; on Redis, on the given
 * redis-server (`REDIS_URL`). Several calls with one redis-server give instances that share
 * their jobs, events and simulation.
 *
 * @param store - `JOB_STORE`
 * @param redis - the redis-server of `JOB_STORE=redis`, `null` for the others
 * @param env - the server settings @default STORE_SERVER_ENV
 * @returns the running server
 * @throws TypeError when `store` is `redis` and no redis-server is given
 */
export function startStoreServer(store: StoreDriver, redis: Pick<RedisServer, 'url'> | null, env: Readonly<Record<string, string>> = STORE_SERVER_ENV): Promise<BenchServer> {
  if (store === 'redis' && redis === null) throw new TypeError('Expected `redis` to be a running redis-server for `JOB_STORE=redis`.');
  const redisEnv: Record<string, string> = store === 'redis' && redis !== null ? { REDIS_URL: redis.url } : {};
  return startBenchServer({ env: { ...env, JOB_STORE: store, ...redisEnv } });
}

/**
 * Fills a server's table with pending jobs of one fresh caller, 16 creates at a time.
 *
 * @param server - the server
 * @param sizes - jobs to create, and how many of them the reads take (every n-th)
 * @param cpuMs - the CPU clock that load runs on the table are charged with @default the server's
 * @returns the table
 */
export async function fillTable(server: BenchServer, sizes: TableSizes, cpuMs: () => number = () => server.cpuMs()): Promise<StoreTable> {
  const key = newCallerKey();
  const ids: string[] = Array.from({ length: sizes.tableJobs }, () => '');
  await forEachLimit(ids, CREATE_CONCURRENCY, async (_, index) => {
    ids[index] = (await createJobLasting(server.url, key, TABLE_JOB_MS)).id;
  });
  const step = Math.floor(sizes.tableJobs / sizes.readJobs);
  return { server, cpuMs, key, readIds: ids.filter((_, i) => i % step === 0).slice(0, sizes.readJobs) };
}

/**
 * One autocannon run of `GET /status/:id` with the table's read ids in rotation.
 *
 * @param table - the table, and the server to load
 * @param connections - autocannon connections
 * @param durationS - the run's length, s
 * @returns the run, its CPU time per request by `table.cpuMs`
 */
export async function readRun(table: StoreTable, connections: number, durationS: number): Promise<LoadRun> {
  let next = 0;
  const { correctedP99Ms: _, ...run } = await measureLoad(table, {
    url: table.server.url,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${table.key}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/status/${table.readIds[next++ % table.readIds.length]}` }) }],
  });
  return run;
}

/**
 * @param name - the input field, as named in errors
 * @param value - its value
 * @throws RangeError unless `value` is a positive integer
 */
export function requirePositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`Expected \`${name}\` to be a positive integer, got ${value}.`);
}

/**
 * Checks the settings of a table and its read runs, which the store and the Redis instances
 * scenarios share.
 *
 * @param input - the scenario's input
 * @throws RangeError naming the first field that is unusable
 */
export function checkTableInput(input: TableLoadSettings): void {
  for (const name of ['tableJobs', 'readJobs', 'connections', 'durationS', 'rounds'] as const) requirePositiveInteger(name, input[name]);
  if (input.readJobs > input.tableJobs) throw new RangeError(`Expected \`readJobs\` (${input.readJobs}) to be at most \`tableJobs\` (${input.tableJobs}).`);
}
