import { jobEventFixture } from '../../testing/job-fixture.js';
import { CallerEventLog } from './caller-event-log.js';

const ids = (log: CallerEventLog): Array<[number, string]> => [...log.values()].map((event) => [event.id, event.job.id]);

describe('CallerEventLog', () => {
  it('keeps one entry per job: a newer state replaces the older one and moves to the end', () => {
    const log = new CallerEventLog();
    expect(log.put(jobEventFixture(1, 'a'))).toBe(1);
    expect(log.put(jobEventFixture(2, 'b'))).toBe(1);
    expect(log.put(jobEventFixture(3, 'a', { progress: 50 }))).toBe(0);
    expect(log.size).toBe(2);
    expect(ids(log)).toEqual([
      [2, 'b'],
      [3, 'a'],
    ]);
    expect(log.get('a')?.job.progress).toBe(50);
  });

  it('never lets a state read while building replace an entry, which is newer', () => {
    const log = new CallerEventLog();
    log.put(jobEventFixture(5, 'a', { status: 'completed' }));
    expect(log.putIfAbsent(jobEventFixture(6, 'a'))).toBe(0);
    expect(log.putIfAbsent(jobEventFixture(7, 'b'))).toBe(1);
    expect(log.get('a')?.job.status).toBe('completed');
  });

  it('drops the entry of a deleted job', () => {
    const log = new CallerEventLog();
    log.put(jobEventFixture(1, 'a'));
    expect(log.remove('a')).toBe(-1);
    expect(log.remove('a')).toBe(0);
    expect(log.size).toBe(0);
  });

  it('iterates in id order even when an entry moves while iterating', () => {
    const log = new CallerEventLog();
    for (const [id, job] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) log.put(jobEventFixture(id, job));
    const seen: number[] = [];
    for (const event of log.values()) {
      seen.push(event.id);
      if (event.id === 1) log.put(jobEventFixture(4, 'b', { progress: 10 }));
    }
    expect(seen).toEqual([1, 3, 4]);
  });
});
