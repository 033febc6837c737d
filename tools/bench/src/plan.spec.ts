import { DEFAULT_API_CONFIG } from '@heygen-mock/api';
import { DEFAULT_OPTIONS } from '@heygen-mock/client/defaults';
import { buildPlan, costSettings } from './plan.js';
import { ABUSE_TARGET_SIZES } from './report/abuse-targets.js';
import { STORE_TARGET_SIZES } from './report/store-targets.js';
import { PACING_OPTIONS } from './report/result-types.js';

describe('costSettings', () => {
  it("scales the server's and the client's default pacing times and the baseline's interval by the same factor", () => {
    const settings = costSettings(1 / 20, 20, 0.1);
    const scaled = (ms: number): number => Math.round(ms / 20);
    expect(settings.serverEnv).toEqual({
      POLL_MIN_MS: String(scaled(DEFAULT_API_CONFIG.pollMinMs)),
      LONG_POLL_MAX_MS: String(scaled(DEFAULT_API_CONFIG.longPollMaxMs)),
      HEARTBEAT_MS: String(scaled(DEFAULT_API_CONFIG.heartbeatMs)),
      SSE_RETRY_MS: String(scaled(DEFAULT_API_CONFIG.sseRetryMs)),
    });
    expect(Object.keys(settings.clientOptions).sort()).toEqual([...PACING_OPTIONS].sort());
    for (const name of PACING_OPTIONS) expect(settings.clientOptions[name]).toBe(scaled(DEFAULT_OPTIONS[name]));
    expect(settings.naiveIntervalMs).toBe(50);
  });

  it('never scales a time below one millisecond and rejects a factor out of range', () => {
    expect(costSettings(1 / 1_000_000, 1, 0).serverEnv['POLL_MIN_MS']).toBe('1');
    expect(() => costSettings(0, 1, 0)).toThrow(/`scale`/);
    expect(() => costSettings(2, 1, 0)).toThrow(/`scale`/);
  });
});

describe('buildPlan', () => {
  it('covers every strategy at 10, 1,000 and 10,000 jobs with fixed and spread durations in a full run', () => {
    const plan = buildPlan('full');
    const undisturbed = plan.latency.filter((c) => c.disruption === undefined);
    expect(new Set(undisturbed.map((c) => c.jobs))).toEqual(new Set([10, 1000, 10_000]));
    expect(undisturbed).toHaveLength(3 * 2 * 4);
    expect(plan.cost.durationsMs[0]).toBe(1000);
    expect(plan.cost.durationsMs.at(-1)).toBe(600_000);
    expect(plan.sse.map((s) => s.connections)).toContain(5000);
  });

  it('measures 20 SSE jobs with the stream cut at their completion, in full and smoke runs', () => {
    for (const mode of ['full', 'smoke'] as const) {
      const cut = buildPlan(mode).latency.filter((c) => c.disruption !== undefined);
      expect(cut).toEqual([expect.objectContaining({ strategy: 'SSE', jobs: 20, profile: 'fixed', disruption: 'cut-at-completion' })]);
    }
  });

  it('loads every throughput server with 50 connections and offers the API 1,000 req/s, as the targets say', () => {
    for (const mode of ['full', 'smoke'] as const) {
      const { throughput } = buildPlan(mode);
      expect(throughput.connections).toBe(50);
      expect(throughput.offered?.rate).toBe(1000);
    }
    expect(buildPlan('full').throughput.rounds).toBeGreaterThanOrEqual(3);
  });

  it('compares the stores with 50 connections over several rounds and 1,000 notifications in a full run, and in seconds in a smoke run', () => {
    const full = buildPlan('full').store;
    expect(full).toMatchObject({ connections: 50, durationS: 6, rounds: 5 });
    expect(full.notification.jobs).toBe(1000);
    expect(full.readJobs).toBeLessThanOrEqual(full.tableJobs);
    const smoke = buildPlan('smoke').store;
    expect(smoke).toMatchObject({ connections: 50, durationS: 1, rounds: 1 });
    expect(smoke.readJobs).toBeLessThanOrEqual(smoke.tableJobs);
    const { leadMs, spreadMs } = smoke.notification;
    expect(smoke.warmupS + 2 * smoke.durationS + (leadMs + spreadMs) / 1000).toBeLessThanOrEqual(4);
  });

  it("measures notifications at the Redis target's size in a full run", () => {
    expect(buildPlan('full').store.notification.jobs).toBe(STORE_TARGET_SIZES.notificationJobs);
  });

  it("reads from two Redis instances with the store reads' settings and bursts 50,000 events in a full run, and in seconds in a smoke run", () => {
    const { store, redisInstances: full } = buildPlan('full');
    expect(full).toMatchObject({ tableJobs: store.tableJobs, readJobs: store.readJobs, connections: store.connections, durationS: store.durationS, rounds: store.rounds });
    expect(full.fanout.callers * full.fanout.connectionsPerCaller * full.fanout.jobsPerCaller).toBe(50_000);
    const smoke = buildPlan('smoke').redisInstances;
    expect(smoke).toMatchObject({ connections: 50, durationS: 1, rounds: 1, warmupS: 0 });
    const f = smoke.fanout;
    const burstMs = f.leadMs + f.callers * f.jobsPerCaller * f.createMsPerJob;
    expect(2 * smoke.rounds * smoke.durationS + (2 * f.rounds * burstMs) / 1000).toBeLessThanOrEqual(3);
    expect(f.warmup).toBe(false);
  });

  it('runs the abuse cases at the sizes of their targets in a full run, and smaller in a smoke run', () => {
    const full = buildPlan('full').abuse;
    expect(full.keys).toMatchObject(ABUSE_TARGET_SIZES.keys);
    expect(full.eventLoop).toMatchObject(ABUSE_TARGET_SIZES.eventLoop);
    expect(full.soak.callers * full.soak.connectionsPerCaller).toBe(ABUSE_TARGET_SIZES.soak.connections);
    expect(full.soak.durationS).toBe(ABUSE_TARGET_SIZES.soak.durationS);
    const smoke = buildPlan('smoke').abuse;
    expect(smoke.keys.durationS + smoke.soak.warmupS + smoke.soak.durationS).toBeLessThanOrEqual(15);
    expect(smoke.eventLoop.jobs).toBeLessThan(full.eventLoop.jobs);
  });

  it('keeps the smoke run small', () => {
    const plan = buildPlan('smoke');
    expect(Math.max(...plan.latency.map((c) => c.jobs))).toBeLessThanOrEqual(20);
    expect(Math.max(...plan.sse.map((s) => s.connections))).toBeLessThanOrEqual(200);
  });
});
