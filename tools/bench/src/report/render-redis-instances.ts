import { formatRatio, ratio } from '../stats/ratios.js';
import { formatCount, formatDuration, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';
import type { FanoutPlacement, InstanceCount, RedisInstancesResult } from './redis-instances-types.js';

const PLACEMENTS: Readonly<Record<FanoutPlacement, string>> = {
  same: 'the creating instance',
  crossing: 'the other instance',
};

const percent = (share: number | null): string => (share === null ? '–' : `${Math.round(share * 100)}%`);

/**
 * Two instances' read rate over one instance's, medians over the rounds.
 *
 * @param result - the Redis instances scenario's result
 * @returns the ratio, or `null` when either is missing or one instance answered nothing
 */
export function scaleRatio(result: RedisInstancesResult): number | null {
  const rate = (instances: InstanceCount) => result.reads.find((s) => s.instances === instances)?.median.requestsPerSecond;
  return ratio(rate(2), rate(1));
}

function fanoutTable(result: RedisInstancesResult): string {
  return markdownTable(
    ['streams held on', 'events/s', 'span ms', 'events/s by round', 'API CPU ms', 'Redis CPU ms', 'lost', 'late'],
    result.bursts.map((f) => [
      PLACEMENTS[f.placement],
      formatCount(f.median.eventsPerSecond),
      formatMs(f.median.spanMs),
      f.rounds.map((r) => formatCount(r.eventsPerSecond)).join(' / '),
      formatMs(f.median.apiCpuMs),
      formatMs(f.median.redisCpuMs),
      formatCount(f.median.lost),
      formatCount(f.rounds.reduce((sum, r) => sum + r.late, 0)),
    ]),
    'lrrrrrrr',
  );
}

function scaleTable(result: RedisInstancesResult): string {
  const one = result.reads.find((s) => s.instances === 1)?.median.requestsPerSecond;
  return markdownTable(
    ['instances', 'req/s', 'vs 1 instance', 'p99 ms', 'API CPU µs/request', 'Redis CPU µs/request', 'autocannon CPU µs/request', 'machine busy', 'req/s by round', 'failed'],
    result.reads.map((s) => [
      String(s.instances),
      formatCount(s.median.requestsPerSecond),
      formatRatio(ratio(s.median.requestsPerSecond, one)),
      formatMs(s.median.p99Ms),
      formatMs(s.median.apiCpuUsPerRequest),
      formatMs(s.median.redisCpuUsPerRequest),
      formatMs(s.median.loadCpuUsPerRequest),
      percent(s.median.machineBusy),
      s.rounds.map((r) => (r.runs.length > 1 ? `${formatCount(r.requestsPerSecond)} (${r.runs.map((run) => formatCount(run.requestsPerSecond)).join(' + ')})` : formatCount(r.requestsPerSecond))).join(' / '),
      formatCount(s.median.failed),
    ]),
    'rrrrrrrrrr',
  );
}

/**
 * The medians of two instances on one Redis as a compact table (the README's): fan-out events/s
 * with the streams on either instance, and read req/s on one and on two instances.
 *
 * @param result - the Redis instances scenario's result
 * @returns a markdown table
 */
export function redisInstancesTable(result: RedisInstancesResult): string {
  return markdownTable(
    ['Redis, two instances', 'measured'],
    [
      ...result.bursts.map((r) => [`fan-out, streams on ${PLACEMENTS[r.placement]}`, `${formatCount(r.median.eventsPerSecond)} events/s${r.median.lost > 0 ? `, ${formatCount(r.median.lost)} lost` : ''}`]),
      ...result.reads.map((s) => [
        `\`GET /status/:id\`, ${s.instances} instance${s.instances === 1 ? '' : 's'}`,
        `${formatCount(s.median.requestsPerSecond)} req/s${s.instances === 1 ? '' : ` (${formatRatio(scaleRatio(result))})`}`,
      ]),
    ],
    'lr',
  );
}

/**
 * The Redis instances part of the store section: two API instances on one Redis, the event
 * fan-out with the streams on the creating instance and on the other one, and `GET /status/:id`
 * on one and on two instances, reported as measured.
 *
 * @param result - the Redis instances scenario's result, or `null` when the run left it out
 * @param cpus - the machine's cores, which the instances, Redis and the load share
 * @returns markdown lines, none when the scenario did not run
 */
export function redisInstancesSection(result: RedisInstancesResult | null, cpus: number): string[] {
  if (result === null) return [];
  const f = result.fanout;
  const jobs = f.callers * f.jobsPerCaller;
  const events = jobs * f.connectionsPerCaller;
  const warmup = f.warmup ? ', after a warm-up burst each' : '';
  const readWarmup = result.warmupS > 0 ? ` after a warm-up run on each instance (${result.warmupS} s)` : ', without a warm-up run';
  const times = scaleRatio(result);
  const env = Object.entries(result.serverEnv)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ');
  const scaled = times === null ? 'No ratio: an instance count answered nothing.' : `Two instances answered ${formatRatio(times)} the requests of one (medians).`;
  return [
    '### Two instances on one Redis',
    '',
    'Two API instances with `JOB_STORE=redis` on one redis-server that the bench starts for them (a free loopback port, no',
    'persistence), the first of which creates every job; both run throughout. With Redis, every event goes through its',
    "caller's Redis stream (one blocking `XREAD` per instance delivers it to that instance's streams), whichever instance",
    "holds the stream, and either instance may run a job's due steps (claimed from one sorted set). Settings: the store",
    "servers' (a job is forgotten as soon as it ends; its final entry stays in its caller's stream for the bus's grace",
    `period, so that a busy instance still reads it): ${env}. Reported as measured; no target.`,
    '',
    '#### Event fan-out',
    '',
    `In each of ${f.rounds} round(s) per placement${warmup}, the placements alternating, ${formatCount(f.callers)} fresh callers`,
    `each open ${formatCount(f.connectionsPerCaller)} event streams (in the SSE load process) and get ${formatCount(f.jobsPerCaller)} jobs each, created on the first instance`,
    `16 at a time, with the durations that make all ${formatCount(jobs)} complete at one instant (${formatDuration(f.leadMs)} plus ${formatDuration(f.createMsPerJob)} per job`,
    `after the round began): ${formatCount(events)} completion events. events/s counts those the streams received, from that`,
    'instant to the last; span is that time. The streams are held on the creating instance, or on the other one, so that',
    'every event crosses from one instance to the other. CPU is both instances together, and redis-server, over the span;',
    '"lost": not received within a minute of the instant (over all rounds); "late": jobs created after the instant. Medians',
    'over the rounds.',
    '',
    fanoutTable(result),
    '#### `GET /status/:id` on one and two instances',
    '',
    `The store reads' autocannon settings (${result.connections} connections, ${result.durationS} s per run, the ids of ${formatCount(result.readJobs)} of ${formatCount(result.tableJobs)} jobs held`,
    `pending on Redis in rotation), in ${result.rounds} round(s)${readWarmup}, one instance and two`,
    'alternating. With two instances, two autocannon runs at once from the bench process, one per instance, each with those',
    'settings, and req/s is their sum: no proxy in front, which would take CPU from the same cores. In one-instance rounds the',
    "second instance runs but takes no requests. API CPU is the loaded instances' time per request; Redis's and autocannon's",
    "(the bench process) likewise; \"machine busy\" is the share of all cores' time that was busy over the run (`/proc/stat`,",
    "whatever ran on the machine). p99 is the slower instance's.",
    '',
    scaleTable(result),
    scaled,
    `On ${cpus} cores, with Redis and the load generator on the same cores as the instances, no linear scale is expected:`,
    'a second instance adds no core, it shares the ones the first already used.',
    '',
  ];
}
