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
   * Moves time forward, firing due timers in order, including timers they schedule.
   *
   * @param ms - how far to move
   */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
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
