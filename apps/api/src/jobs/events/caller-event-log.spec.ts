import { jobEventFixture } from '../../testing/job-fixture.js';
import { CallerEventLog } from './caller-event-log.js';
import type { JobEvent } from './job-event.js';

const event = (jobId: string) => (id: number): JobEvent => jobEventFixture(id, jobId);
const ids = (events: JobEvent[] | undefined): number[] | undefined => events?.map((e) => e.id);

describe('CallerEventLog', () => {
  it('issues increasing ids above the first id, for kept and unkept events alike', () => {
    const log = new CallerEventLog(10, 100);
    expect(log.append(event('a')).id).toBe(101);
    expect(log.issueId()).toBe(102);
    expect(log.append(event('a')).id).toBe(103);
  });

  it('replays every kept event after the given id', () => {
    const log = new CallerEventLog(10, 0);
    for (let i = 0; i < 5; i += 1) log.append(event('a'));
    expect(ids(log.since(2))).toEqual([3, 4, 5]);
    expect(ids(log.since(5))).toEqual([]);
    expect(ids(log.since(0))).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps only the newest events and refuses a replay that would skip evicted ones', () => {
    const log = new CallerEventLog(3, 0);
    for (let i = 0; i < 6; i += 1) log.append(event('a'));
    expect(log.length).toBe(3);
    expect(ids(log.since(3))).toEqual([4, 5, 6]);
    expect(log.since(2)).toBeUndefined();
  });

  it('keeps events in order while its storage grows towards the limit, then evicts the oldest', () => {
    const log = new CallerEventLog(100, 0);
    for (let i = 0; i < 50; i += 1) log.append(event('a'));
    expect(ids(log.since(0))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 0; i < 100; i += 1) log.append(event('a'));
    expect(log.length).toBe(100);
    expect(ids(log.since(50))).toEqual(Array.from({ length: 100 }, (_, i) => i + 51));
    expect(log.since(49)).toBeUndefined();
  });

  it('replays after an unlogged snapshot id without gaps', () => {
    const log = new CallerEventLog(5, 0);
    log.append(event('a'));
    const snapshotId = log.issueId();
    log.append(event('b'));
    expect(ids(log.since(snapshotId))).toEqual([3]);
  });

  it('refuses ids it never issued', () => {
    const log = new CallerEventLog(5, 1000);
    log.append(event('a'));
    expect(log.since(999)).toBeUndefined();
    expect(log.since(5000)).toBeUndefined();
  });

  it('with a limit of 0 replays only when nothing was missed', () => {
    const log = new CallerEventLog(0, 0);
    log.append(event('a'));
    log.append(event('a'));
    expect(log.since(2)).toEqual([]);
    expect(log.since(1)).toBeUndefined();
  });
});
