import { buildPlan, costSettings } from './plan.js';

describe('costSettings', () => {
  it('scales every pacing time of the server, the client and the baseline by the same factor', () => {
    const settings = costSettings(1 / 20, 20, 0.1);
    expect(settings.serverEnv).toEqual({ POLL_MIN_MS: '5', LONG_POLL_MAX_MS: '1500', HEARTBEAT_MS: '750', SSE_RETRY_MS: '50' });
    expect(settings.clientOptions).toEqual({
      pollInterval: 50,
      pollMaxInterval: 1500,
      longPollWaitMs: 1250,
      heartbeatTimeoutMs: 2250,
      reconnectMinMs: 13,
      reconnectMaxMs: 500,
    });
    expect(settings.naiveIntervalMs).toBe(50);
  });

  it('never scales a time below one millisecond and rejects a factor out of range', () => {
    expect(costSettings(1 / 1000, 1, 0).serverEnv['POLL_MIN_MS']).toBe('1');
    expect(() => costSettings(0, 1, 0)).toThrow(/`scale`/);
    expect(() => costSettings(2, 1, 0)).toThrow(/`scale`/);
  });
});

describe('buildPlan', () => {
  it('covers every strategy at 10, 1,000 and 10,000 jobs with fixed and spread durations in a full run', () => {
    const plan = buildPlan('full');
    expect(new Set(plan.latency.map((c) => c.jobs))).toEqual(new Set([10, 1000, 10_000]));
    expect(plan.latency).toHaveLength(3 * 2 * 4);
    expect(plan.cost.durationsMs[0]).toBe(1000);
    expect(plan.cost.durationsMs.at(-1)).toBe(600_000);
    expect(plan.sse.map((s) => s.connections)).toContain(5000);
  });

  it('keeps the smoke run small', () => {
    const plan = buildPlan('smoke');
    expect(Math.max(...plan.latency.map((c) => c.jobs))).toBeLessThanOrEqual(10);
    expect(Math.max(...plan.sse.map((s) => s.connections))).toBeLessThanOrEqual(200);
  });
});
