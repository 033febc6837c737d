import { formatRatio, ratio } from '../stats/ratios.js';
import { formatCount, formatDuration, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';
import type { RedisInstancesResult } from './redis-instances-types.js';
import { redisInstancesSection } from './render-redis-instances.js';
import { STORE_DRIVERS, type StoreDriver, type StoreLoadResult, type StoreResult } from './store-types.js';

const LABELS: Readonly<Record<StoreDriver, string>> = {
  sqlite: 'SQLite',
  memory: 'memory',
  redis: 'Redis',
};

const HEADING = '## 5. Job stores: SQLite and Redis beside memory';

/** `a, b and c` */
const listed = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function loadTable(results: readonly StoreLoadResult[]): string {
  const memory = results.find((r) => r.store === 'memory')?.median;
  return markdownTable(
    ['store', 'req/s', 'vs memory', 'p50 ms', 'p99 ms', 'CPU µs/request', 'req/s by round', 'failed'],
    results.map((r) => [
      LABELS[r.store],
      formatCount(r.median.requestsPerSecond),
      formatRatio(ratio(r.median.requestsPerSecond, memory?.requestsPerSecond)),
      formatMs(r.median.p50Ms),
      formatMs(r.median.p99Ms),
      formatMs(r.median.cpuUsPerRequest),
      r.rounds.map((run) => formatCount(run.requestsPerSecond)).join(' / '),
      formatCount(r.rounds.reduce((sum, run) => sum + run.non2xx + run.errors, 0)),
    ]),
    'lrrrrrrr',
  );
}

function notificationTable(result: StoreResult): string {
  return markdownTable(
    ['store', 'p50 ms', 'p99 ms', 'max ms', 'p50 by round', 'lost', 'late'],
    result.notifications.map((r) => [
      LABELS[r.store],
      formatMs(r.median.p50Ms),
      formatMs(r.median.p99Ms),
      formatMs(r.median.maxMs),
      r.rounds.map((run) => formatMs(run.latencyMs?.p50)).join(' / '),
      formatCount(r.median.lost),
      formatCount(r.rounds.reduce((sum, run) => sum + run.late, 0)),
    ]),
    'lrrrrrr',
  );
}

/**
 * The medians of each store as a compact table (the README's): create and read req/s, create CPU
 * per request, and notification latency.
 *
 * @param result - the store scenario's result
 * @returns a markdown table
 */
export function storeTable(result: StoreResult): string {
  return markdownTable(
    ['store', 'create req/s', 'create CPU µs/request', 'read req/s', 'notification p50 / p99 ms'],
    result.create.map((create) => {
      const read = result.read.find((r) => r.store === create.store)?.median;
      const notified = result.notifications.find((r) => r.store === create.store)?.median;
      const lost = notified !== undefined && notified.lost > 0 ? `, ${formatCount(notified.lost)} lost` : '';
      return [
        LABELS[create.store],
        formatCount(create.median.requestsPerSecond),
        formatMs(create.median.cpuUsPerRequest),
        read === undefined ? '–' : formatCount(read.requestsPerSecond),
        `${formatMs(notified?.p50Ms)} / ${formatMs(notified?.p99Ms)}${lost}`,
      ];
    }),
    'lrrrr',
  );
}

/**
 * The store section of the report: method, then creates, reads and notification latency of
 * the API on SQLite and on Redis beside the API in memory, medians over the rounds with every
 * round's figure; then two instances on one Redis.
 *
 * @param result - the store scenario's result, or `null` when the run left it out
 * @param instances - the Redis instances scenario's result, or `null` when the run left it out
 * @param cpus - the machine's cores
 * @returns markdown lines, none when neither scenario ran
 */
export function storeSection(result: StoreResult | null, instances: RedisInstancesResult | null, cpus: number): string[] {
  if (result === null && instances === null) return [];
  return [HEADING, '', ...(result === null ? [] : storeParts(result)), ...redisInstancesSection(instances, cpus)];
}

function storeParts(result: StoreResult): string[] {
  const env = Object.entries(result.serverEnv)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ');
  const n = result.notification;
  const warmup = result.warmupS > 0 ? ` after a warm-up run each (${result.warmupS} s)` : ', without a warm-up run';
  const notifyWarmup = n.warmupJobs > 0 ? ` (after a warm-up round of ${formatCount(n.warmupJobs)} jobs each)` : '';
  const created = result.create.flatMap((r) => r.rounds.map((run) => run.total));
  const fullest = created.length === 0 ? [] : [`The fullest table of a run held about ${formatCount(result.tableJobs + Math.max(...created))} jobs.`];
  const order = STORE_DRIVERS.map((store) => LABELS[store]);
  return [
    "The API three times, side by side: `JOB_STORE=sqlite` (a file of its own in a temporary folder, as the workspace's launcher",
    'gives each server), `JOB_STORE=memory` and `JOB_STORE=redis` (on a redis-server that the bench starts for it on a free',
    "loopback port, without persistence, and stops after), all with the bench's settings and, so that no create is refused and",
    "a job is forgotten as soon as it ends, the quotas at the most the API's configuration accepts:",
    `${env}.`,
    `Each server first gets ${formatCount(result.tableJobs)} pending jobs of one caller, held throughout. Each part loads the servers one after the other in`,
    `${result.rounds} round(s)${warmup}, in the order ${listed(order)} in odd rounds and the reverse in even ones, so`,
    'that other work on the machine falls on all alike; every figure is the median over the rounds. CPU per request is the',
    "server process's user + system time over a run divided by the requests it answered; Redis's adds redis-server's time over",
    'the run, where its store does its work. autocannon and the event stream run in the bench process, on the same cores as',
    'the servers.',
    '',
    '### Creating jobs (`POST /create`)',
    '',
    `autocannon, ${result.connections} connections, ${result.durationS} s per run, a fresh caller key per run, each job lasting the run plus`,
    `${formatDuration(result.createOverrunMs)} (\`durationMs\` in the body), so that no job completes within the run that created it. Before the next run the`,
    'bench waits until they have all ended and been forgotten: every run starts from the same table.',
    ...fullest,
    '',
    loadTable(result.create),
    '### Reading a job (`GET /status/:id`)',
    '',
    `The same autocannon settings, the ids of ${formatCount(result.readJobs)} of the held jobs, spread evenly over them, in rotation.`,
    '',
    loadTable(result.read),
    '### Notification latency',
    '',
    `In each round and on each server${notifyWarmup}, a fresh caller opens one event stream (\`GET /status\`), then creates`,
    `${formatCount(n.jobs)} jobs, 16 at a time, planned to complete one after the other over ${formatDuration(n.spreadMs)}, the first ${formatDuration(n.leadMs)} after the round`,
    "began. Latency is the arrival of a job's final state on the stream (the bench's clock, `performance.timeOrigin +",
    "performance.now()`) minus its planned completion (`expectedCompletionAt`, whole milliseconds of the server's clock on the",
    "same machine): the server's timer, its store read and write, and the delivery. \"Lost\": no final state within",
    `${formatDuration(n.graceMs)} of the last planned completion; "late": created after its planned completion (it ends at once). p50 and p99 are`,
    'medians over the rounds, max the highest of any round.',
    '',
    notificationTable(result),
  ];
}
