import { storeSection, storeTable } from './render-store.js';
import { redisInstancesResult, storeResult } from './sample-report.fixture.js';

const result = storeResult({ sqlite: 4000, memory: 4500, redis: 3000 }, { sqlite: 1.5, memory: 1.2, redis: 2.5 });

describe('storeSection', () => {
  const section = storeSection(result, null, 2).join('\n');

  it('says how the three servers were set up and loaded, Redis on a redis-server of its own', () => {
    expect(section).toMatch(/^## 5\. Job stores: SQLite and Redis beside memory\n/);
    expect(section).toContain('`JOB_STORE=memory` and `JOB_STORE=redis` (on a redis-server that the bench starts for it');
    expect(section).toContain('`MAX_JOBS=100000000`, `JOB_RETENTION_MS=0`');
    expect(section).toContain('first gets 20,000 pending jobs of one caller');
    expect(section).toContain('3 round(s) after a warm-up run each (2 s), in the order SQLite, memory and Redis in odd rounds and the reverse in even ones');
    expect(section).toContain("Redis's adds redis-server's time");
    expect(section).toContain('each job lasting the run plus\n500 ms');
    expect(section).toContain('The fullest table of a run held about 48,350 jobs.');
    expect(section).toContain('the ids of 1,000 of the held jobs');
  });

  it('renders the creates and the reads of every store with their ratio to memory and every round', () => {
    expect(section).toContain('| SQLite | 4,000 | 0.89× | 3.00 | 12.0 | 250 | 4,200 / 4,000 / 2,000 | 0 |');
    expect(section).toContain('| memory | 4,500 | 1.0× | 3.00 | 12.0 | 222 | 4,725 / 4,500 / 2,250 | 0 |');
    expect(section).toContain('| Redis | 3,000 | 0.67× | 3.00 | 12.0 | 333 | 3,150 / 3,000 / 1,500 | 0 |');
    expect(section).toContain('| SQLite | 20,000 | 0.89× | 3.00 | 12.0 | 50.0 | 21,000 / 20,000 / 10,000 | 0 |');
    expect(section.indexOf('### Creating jobs')).toBeLessThan(section.indexOf('### Reading a job'));
  });

  it('renders the notification latency from the planned completion, with losses and late creates', () => {
    expect(section).toContain('on each server (after a warm-up round of 100 jobs each), a fresh caller');
    expect(section).toContain('planned to complete one after the other over 1.5 s, the first 2.5 s after the round');
    expect(section).toContain('`expectedCompletionAt`');
    expect(section).toContain('| SQLite | 1.50 | 6.00 | 36.0 | 1.35 / 1.50 / 4.50 | 0 | 0 |');
    expect(section).toContain('| Redis | 2.50 | 10.0 | 60.0 | 2.25 / 2.50 / 7.50 | 0 | 0 |');
    const lossy = { ...result, notifications: result.notifications.map((r) => (r.store === 'sqlite' ? { ...r, median: { ...r.median, lost: 3 } } : r)) };
    expect(storeSection(lossy, null, 2).join('\n')).toContain('| SQLite | 1.50 | 6.00 | 36.0 | 1.35 / 1.50 / 4.50 | 3 | 0 |');
  });

  it('says when there was no warm-up, and renders nothing when the scenario did not run', () => {
    const cold = { ...result, warmupS: 0, notification: { ...result.notification, warmupJobs: 0 } };
    const text = storeSection(cold, null, 2).join('\n');
    expect(text).toContain('3 round(s), without a warm-up run');
    expect(text).not.toContain('warm-up round');
    expect(storeSection(null, null, 2)).toEqual([]);
  });

  it('follows the stores with the two Redis instances, and keeps the heading when only those ran', () => {
    const both = storeSection(result, redisInstancesResult(), 2).join('\n');
    expect(both.indexOf('### Notification latency')).toBeLessThan(both.indexOf('### Two instances on one Redis'));
    const alone = storeSection(null, redisInstancesResult(), 2).join('\n');
    expect(alone).toMatch(/^## 5\. Job stores: SQLite and Redis beside memory\n\n### Two instances on one Redis\n/);
    expect(alone).not.toContain('### Creating jobs');
  });
});

describe('storeTable', () => {
  it('gives the medians of every store in a compact table', () => {
    const table = storeTable(result);
    expect(table).toContain('| SQLite | 4,000 | 250 | 20,000 | 1.50 / 6.00 |');
    expect(table).toContain('| memory | 4,500 | 222 | 22,500 | 1.20 / 4.80 |');
    expect(table).toContain('| Redis | 3,000 | 333 | 15,000 | 2.50 / 10.0 |');
  });
});
