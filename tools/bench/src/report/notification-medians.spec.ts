import { notificationMedians } from './notification-medians.js';
import { notificationRun as run } from './sample-report.fixture.js';

describe('notificationMedians', () => {
  it('takes the median of p50 and of p99 on their own, the highest max, and the losses of every round', () => {
    const medians = notificationMedians([run(1.2, 3), { ...run(9, 30), lost: 2 }, run(1.4, 4)]);
    expect(medians).toEqual({ p50Ms: 1.4, p99Ms: 4, maxMs: 60, lost: 2 });
  });

  it('leaves out rounds that received nothing, and has no latency when none did', () => {
    const empty = { ...run(1, 1), received: 0, lost: 10, latencyMs: null };
    expect(notificationMedians([empty, run(2, 5)])).toMatchObject({ p50Ms: 2, lost: 10 });
    expect(notificationMedians([empty])).toEqual({ p50Ms: null, p99Ms: null, maxMs: null, lost: 10 });
    expect(() => notificationMedians([])).toThrow(/`rounds`/);
  });
});
