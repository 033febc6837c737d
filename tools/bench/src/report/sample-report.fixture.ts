import { buildPlan } from '../plan.js';
import type { Measured } from '../run-groups.js';
import type { AbuseResult } from './abuse-types.js';
import { notificationMedians } from './notification-medians.js';
import { fanoutMedians, scaleMedians } from './redis-instances-medians.js';
import type { RedisFanoutRun, RedisInstancesResult, RedisScaleRun } from './redis-instances-types.js';
import type { CostResult, LatencyResult, Strategy } from './result-types.js';
import { STORE_DRIVERS, type NotificationRun, type StoreDriver, type StoreResult, type TableLoadSettings } from './store-types.js';
import { throughputMedians } from './throughput-medians.js';
import type { LoadRun, ThroughputResult, ThroughputServer } from './throughput-types.js';
import { assembleReport } from './write-report.js';
import type { BenchReport } from './result-types.js';

/**
 * A latency result with a given p50 and p99, for the report tests.
 *
 * @param strategy - the strategy
 * @param jobs - concurrent jobs
 * @param p50 - median latency, ms
 * @param p99 - 99th percentile, ms
 * @param profile - duration profile
 * @returns the result
 */
export function latencyResult(strategy: Strategy, jobs: number, p50: number, p99: number, profile: 'fixed' | 'spread' = 'fixed'): LatencyResult {
  return {
    strategy,
    jobs,
    profile,
    minMs: 3000,
    maxMs: profile === 'fixed' ? 3000 : 5000,
    graceMs: 10_000,
    latencyMs: { count: jobs, min: p50 / 2, mean: p50, p50, p95: p99, p99, max: p99 * 2 },
    notified: jobs,
    missed: 0,
    failed: 0,
    errors: [],
    finishedBeforeWatch: 0,
    createMs: 100,
    statusRequests: jobs * 2,
  };
}

/**
 * The "stream cut at completion" latency result: 20 SSE jobs, one stream cut.
 *
 * @param p50 - median latency, ms
 * @param p99 - 99th percentile, ms
 * @returns the result
 */
export function cutAtCompletionResult(p50: number, p99: number): LatencyResult {
  return { ...latencyResult('SSE', 20, p50, p99), minMs: 2000, maxMs: 2000, disruption: 'cut-at-completion', streamsCut: 1 };
}

/**
 * A cost result, for the report tests.
 *
 * @param strategy - the strategy
 * @param durationMs - nominal job duration
 * @param perJob - status requests per job
 * @param bytesPerJob - bytes per job
 * @returns the result
 */
export function costResult(strategy: Strategy, durationMs: number, perJob: number, bytesPerJob: number): CostResult {
  return {
    strategy,
    durationMs,
    scaledDurationMs: durationMs / 20,
    jobs: 20,
    requests: { status: perJob * 20, create: 0 },
    statusRequestsPerJob: perJob,
    bytesUp: bytesPerJob * 5,
    bytesDown: bytesPerJob * 15,
    bytesPerJob,
    missed: 0,
    failed: 0,
    errors: [],
  };
}

/**
 * An autocannon run, for the report tests.
 *
 * @param requestsPerSecond - the rate answered
 * @param p99 - its p99, ms; the other percentiles follow from it
 * @param cpuUsPerRequest - server CPU per request, µs, or `null`
 * @param loadCpuUsPerRequest - the load generator's CPU per request, µs, or `null`
 * @returns the run
 */
export function loadRun(requestsPerSecond: number, p99: number, cpuUsPerRequest: number | null, loadCpuUsPerRequest: number | null = null): LoadRun {
  return {
    requestsPerSecond,
    latencyMs: { p50: p99 / 4, p97_5: p99 / 2, p99, max: p99 * 3, mean: p99 / 3 },
    total: requestsPerSecond * 6,
    non2xx: 0,
    errors: 0,
    cpuUsPerRequest,
    loadCpuUsPerRequest,
  };
}

/**
 * A throughput result of three rounds, the last one disturbed (half the rate, more latency
 * and CPU), for the report tests.
 *
 * @param rates - each server's req/s in an undisturbed round; its median
 * @returns the result, with CPU per request 1,000,000 / rate µs (the load generator's 40 µs in
 *   undisturbed rounds), and fixed-rate runs whose p99
 *   is 6 ms (4 ms for the bare route; autocannon's corrected figure 15 ms, 9 ms)
 */
export function throughputResult(rates: Readonly<Record<ThroughputServer, number>>): ThroughputResult {
  const servers = (Object.entries(rates) as [ThroughputServer, number][]).map(([server, rate]) => {
    const cpu = 1_000_000 / rate;
    const rounds = [loadRun(rate * 1.05, 8, cpu * 0.95, 40), loadRun(rate, 12, cpu, 40), loadRun(rate / 2, 40, cpu * 2, 80)];
    return { server, rounds, median: throughputMedians(rounds) };
  });
  return {
    jobs: 100,
    connections: 50,
    durationS: 6,
    rounds: 3,
    forks: 1,
    servers,
    offered: servers.map(({ server }) => ({
      ...loadRun(999, server === 'bare' ? 4 : 6, 80),
      server,
      rate: 1000,
      connections: 10,
      durationS: 10,
      correctedP99Ms: server === 'bare' ? 9 : 15,
    })),
  };
}

/**
 * A notification round of 1,000 jobs, every final state received, for the report tests.
 *
 * @param p50 - median latency, ms
 * @param p99 - 99th percentile, ms; the maximum is twice it
 * @returns the round
 */
export function notificationRun(p50: number, p99: number): NotificationRun {
  return { jobs: 1000, received: 1000, lost: 0, late: 0, latencyMs: { count: 1000, min: p50 / 2, mean: p50, p50, p95: p99, p99, max: p99 * 2 } };
}

/** The table and read runs of both store scenarios' fixtures. */
const TABLE_LOAD: TableLoadSettings = { tableJobs: 20_000, readJobs: 1000, connections: 50, durationS: 6, rounds: 3, warmupS: 2 };

/**
 * A store result of three rounds, the last one disturbed (half the rate, more latency and CPU),
 * for the report tests.
 *
 * @param createRates - each store's create req/s in an undisturbed round; its median
 * @param p50s - each store's notification p50 in an undisturbed round, ms; its median (p99 is four times it)
 * @returns the result, with read req/s five times the create rate and CPU per request 1,000,000 / rate µs
 */
export function storeResult(createRates: Readonly<Record<StoreDriver, number>>, p50s: Readonly<Record<StoreDriver, number>>): StoreResult {
  const load = (rate: number) => {
    const cpu = 1_000_000 / rate;
    const rounds = [loadRun(rate * 1.05, 8, cpu * 0.95), loadRun(rate, 12, cpu), loadRun(rate / 2, 40, cpu * 2)];
    return { rounds, median: throughputMedians(rounds) };
  };
  return {
    serverEnv: { MAX_JOBS: '100000000', JOB_RETENTION_MS: '0' },
    ...TABLE_LOAD,
    createOverrunMs: 500,
    create: STORE_DRIVERS.map((store) => ({ store, ...load(createRates[store]) })),
    read: STORE_DRIVERS.map((store) => ({ store, ...load(createRates[store] * 5) })),
    notification: { jobs: 1000, leadMs: 2500, spreadMs: 1500, graceMs: 5000, warmupJobs: 100 },
    notifications: STORE_DRIVERS.map((store) => {
      const p50 = p50s[store];
      const rounds = [notificationRun(p50 * 0.9, p50 * 3.6), notificationRun(p50, p50 * 4), notificationRun(p50 * 3, p50 * 12)];
      return { store, rounds, median: notificationMedians(rounds) };
    }),
  };
}

/**
 * A fan-out burst of the Redis instances scenario, every event delivered, for the report tests.
 *
 * @param eventsPerSecond - the rate; the span is 50,000 events at that rate
 * @returns the burst, with 400 ms of API CPU and 150 ms of Redis CPU
 */
export function redisFanoutRun(eventsPerSecond: number): RedisFanoutRun {
  return {
    expected: 50_000,
    delivered: 50_000,
    spanMs: (50_000 / eventsPerSecond) * 1000,
    eventsPerSecond,
    late: 0,
    apiCpuMs: 400,
    redisCpuMs: 150,
    receiverCpuMs: 300,
  };
}

/**
 * A round of reads of the Redis instances scenario, for the report tests.
 *
 * @param rates - req/s of each instance loaded
 * @returns the round, each run with p99 12 ms and CPU per request 1,000,000 / its rate µs; Redis 20 µs and autocannon 30 µs per request; the machine 95% busy
 */
export function redisScaleRun(rates: readonly number[]): RedisScaleRun {
  return {
    instances: rates.length === 1 ? 1 : 2,
    requestsPerSecond: rates.reduce((sum, r) => sum + r, 0),
    runs: rates.map((rate) => loadRun(rate, 12, 1_000_000 / rate)),
    redisCpuUsPerRequest: 20,
    loadCpuUsPerRequest: 30,
    machineBusy: 0.95,
  };
}

/**
 * A Redis instances result of three rounds each, for the report tests: fan-out at 40,000
 * events/s on the creating instance and 30,000 across; reads at 5,000 req/s on one instance and
 * 3,500 + 3,500 on two (1.4×), the third round of each disturbed.
 *
 * @returns the result
 */
export function redisInstancesResult(): RedisInstancesResult {
  const same = [redisFanoutRun(42_000), redisFanoutRun(40_000), redisFanoutRun(20_000)];
  const crossing = [redisFanoutRun(31_000), redisFanoutRun(30_000), redisFanoutRun(15_000)];
  const one = [redisScaleRun([5200]), redisScaleRun([5000]), redisScaleRun([2500])];
  const two = [redisScaleRun([3600, 3600]), redisScaleRun([3500, 3500]), redisScaleRun([1800, 1700])];
  return {
    ...TABLE_LOAD,
    fanout: { callers: 10, connectionsPerCaller: 50, jobsPerCaller: 100, createMsPerJob: 5, leadMs: 1000, rounds: 3, warmup: true },
    serverEnv: { MAX_JOBS: '100000000', JOB_RETENTION_MS: '0' },
    bursts: [
      { placement: 'same', rounds: same, median: fanoutMedians(same) },
      { placement: 'crossing', rounds: crossing, median: fanoutMedians(crossing) },
    ],
    reads: [
      { instances: 1, rounds: one, median: scaleMedians(one) },
      { instances: 2, rounds: two, median: scaleMedians(two) },
    ],
  };
}

/**
 * The abuse results of a full run, every target met, for the report tests.
 *
 * @returns the results
 */
export function abuseResult(): AbuseResult {
  const delay = (p99: number, max: number) => ({ samples: 900, p50: 10.2, p99, max, mean: 12, utilization: 0.7 });
  return {
    keys: {
      keys: 1000,
      durationS: 15,
      progressIntervalMs: 10,
      created: 1000,
      failed: 0,
      errors: [],
      createMs: 900,
      rssBeforeBytes: 120e6,
      rssEndBytes: 150e6,
      rssPeakBytes: 170e6,
      heapBeforeBytes: 30e6,
      heapEndBytes: 40e6,
      serverCpuMs: 2000,
    },
    eventLoop: {
      jobs: 100_000,
      connects: 20,
      created: 100_000,
      createFailed: 0,
      createMs: 30_000,
      creating: delay(30, 60),
      connecting: delay(35, 80),
      opened: 20,
      failed: 0,
      errors: [],
      eventsExpected: 2_000_000,
      eventsReceived: 2_000_000,
      connectMs: 9000,
    },
    soak: {
      callers: 200,
      connections: 2000,
      durationS: 600,
      warmupS: 30,
      jobsPerSecond: 20,
      jobDurationMs: [1000, 5000],
      serverEnv: { PROGRESS_INTERVAL_MS: '1000', JOB_RETENTION_MS: '10000' },
      opened: 2000,
      failed: 0,
      jobsCreated: 12_600,
      createFailed: 0,
      expected: 126_000,
      delivered: 126_000,
      lost: 0,
      duplicates: 0,
      events: 500_000,
      reconnects: 0,
      rssBaselineBytes: 200e6,
      rssEndBytes: 206e6,
      rssPeakBytes: 215e6,
      rssGrowth: 0.03,
    },
  };
}

/**
 * A full-run report with every section filled, for the report tests.
 *
 * @param overrides - measurements to replace
 * @returns the report
 */
export function sampleReport(overrides: Partial<Measured> = {}): BenchReport {
  const measured: Measured = {
    latency: [
      latencyResult('SSE', 1000, 2, 12),
      latencyResult('SSE', 1000, 3, 25, 'spread'),
      latencyResult('POLL', 1000, 40, 120),
      latencyResult('POLL', 1000, 45, 130, 'spread'),
      latencyResult('NAIVE', 1000, 500, 990),
      latencyResult('NAIVE', 1000, 510, 995, 'spread'),
      latencyResult('SSE', 10, 1, 2),
      latencyResult('NAIVE', 10, 480, 950),
    ],
    cost: [
      costResult('POLL', 1000, 1, 900),
      costResult('POLL', 600_000, 1.5, 1400),
      costResult('NAIVE', 1000, 2, 1800),
      costResult('NAIVE', 600_000, 601, 540_000),
    ],
    sse: [
      {
        connections: 5000,
        heartbeatMs: 2000,
        opened: 5000,
        failed: 0,
        alive: 5000,
        openMs: 4000,
        rssBeforeBytes: 80 * 1024 * 1024,
        rssHeldBytes: 80 * 1024 * 1024 + 5000 * 10 * 1024,
        rssAfterCloseBytes: 90 * 1024 * 1024,
        rssPerConnectionBytes: 10 * 1024,
        heapBeforeBytes: 20 * 1024 * 1024,
        heapHeldBytes: 20 * 1024 * 1024 + 5000 * 6 * 1024,
        heapPerConnectionBytes: 6 * 1024,
        heapBreakdown: {
          connections: 1000,
          rows: [
            { kind: 'Socket', countPerUnit: 1, bytesPerUnit: 2048 },
            { kind: '(string)', countPerUnit: 12.5, bytesPerUnit: 1536 },
            { kind: '(other)', countPerUnit: null, bytesPerUnit: 2560 },
          ],
        },
      },
    ],
    fanout: [{ connections: 100, jobs: 1000, expected: 100_000, delivered: 100_000, spanMs: 800, eventsPerSecond: 125_000, late: 0, serverCpuMs: 700, receiverCpuMs: 400 }],
    throughput: throughputResult({ ours: 13_000, 'ours-logging': 10_500, original: 3000, bare: 16_500 }),
    store: storeResult({ sqlite: 4000, memory: 4500, redis: 3000 }, { sqlite: 1.5, memory: 1.2, redis: 2.5 }),
    redisInstances: redisInstancesResult(),
    abuse: abuseResult(),
    bundle: { entry: 'libs/client/dist/index.mjs', minifiedBytes: 14_000, gzipBytes: 6144, ownMinifiedBytes: 9000, ownGzipBytes: 3500 },
    failures: [],
    ...overrides,
  };
  return assembleReport({
    mode: 'full',
    command: 'npx nx run bench:run',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    finishedAt: new Date('2026-01-01T00:11:40Z'),
    machine: { cpus: 2, cpuModel: 'Test CPU', node: 'v20.0.0', platform: 'linux', arch: 'x64', totalMemoryMb: 8000, loadAverage: [0.1, 0.2, 0.3] },
    plan: buildPlan('full'),
    measured,
  });
}
