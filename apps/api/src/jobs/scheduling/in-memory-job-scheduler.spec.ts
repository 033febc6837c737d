import { jest } from '@jest/globals';
import type { Clock, TimerHandle } from '../../common/time/clock.js';
import { InMemoryJobScheduler } from './in-memory-job-scheduler.js';

/** A clock whose timers fire only when the test says so, whatever the time then is. */
class HandFiredClock implements Clock {
  current = 1_000_000;
  readonly timers: { callback: () => void; delayMs: number; cancelled: boolean }[] = [];

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer = { callback, delayMs, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Fires the newest live timer, as Node may: its delay measured from a time that lagged. */
  fireNewest(): void {
    const timer = this.timers.filter((t) => !t.cancelled).at(-1);
    if (timer === undefined) throw new Error('no live timer');
    timer.cancelled = true;
    timer.callback();
  }
}

describe('InMemoryJobScheduler', () => {
  it('runs no work before the due time, though its timer fires early, and waits out the rest', () => {
    const clock = new HandFiredClock();
    const scheduler = new InMemoryJobScheduler(clock);
    const work = jest.fn(async (_jobId: string) => undefined);
    scheduler.start(work);
    scheduler.schedule('job', clock.current + 300);

    clock.current += 298;
    clock.fireNewest();
    expect(work).not.toHaveBeenCalled();
    expect(clock.timers.at(-1)?.delayMs).toBe(2);
    expect(scheduler.size).toBe(1);

    clock.current += 2;
    clock.fireNewest();
    expect(work.mock.calls).toEqual([['job']]);
    expect(scheduler.size).toBe(0);
  });

  it('runs the newest due time of a job only', () => {
    const clock = new HandFiredClock();
    const scheduler = new InMemoryJobScheduler(clock);
    const work = jest.fn(async (_jobId: string) => undefined);
    scheduler.start(work);
    scheduler.schedule('job', clock.current + 100);
    scheduler.schedule('job', clock.current + 50);
    expect(clock.timers.map((t) => t.cancelled)).toEqual([true, false]);

    clock.current += 50;
    clock.fireNewest();
    expect(work).toHaveBeenCalledTimes(1);
  });
});
