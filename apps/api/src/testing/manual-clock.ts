import type { Clock, TimerHandle } from '../common/time/clock.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** A {@link Clock} that only moves when told to, for deterministic tests of timed behaviour. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Set<PendingTimer>();

  /** @param start - initial epoch milliseconds */
  constructor(start = Date.UTC(2026, 10, 29, 7, 0, 0)) {
    this.current = start;
  }

  /** @returns the current manual time */
  now(): number {
    return this.current;
  }

  /** Schedules `callback` at now + `delayMs` of manual time. */
  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** Number of timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward, firing due timers in order, including timers they schedule. Before each
   * timer and at the end, promise callbacks already queued run to completion, so that an
   * asynchronous step started by a timer (store a state, publish it, schedule the next timer)
   * finishes at that moment of manual time, as it would within milliseconds for real.
   *
   * @param ms - how far to move
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      let next: PendingTimer | undefined;
      for (const timer of this.timers) {
        if (timer.at <= target && (next === undefined || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) next = timer;
      }
      if (next === undefined) break;
      this.timers.delete(next);
      this.current = next.at;
      next.callback();
    }
    this.current = target;
  }
}

/** Resolves after every promise callback queued so far, and those they queue, has run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
