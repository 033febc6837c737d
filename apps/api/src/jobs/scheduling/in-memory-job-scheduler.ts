import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock, type TimerHandle } from '../../common/time/clock.js';
import type { DueWork, JobScheduler } from './job-scheduler.js';

/** The default {@link JobScheduler}: one timer per job in this process. */
@Injectable()
export class InMemoryJobScheduler implements JobScheduler {
  private readonly logger = new Logger('JobScheduler');
  private readonly timers = new Map<string, TimerHandle>();
  private work: DueWork | undefined;

  /** @param clock - time and timers */
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** @inheritDoc */
  start(work: DueWork): void {
    this.work = work;
  }

  /** @inheritDoc */
  schedule(jobId: string, dueAt: number): void {
    // Due work scheduled after shutdown began must not start a timer, or the process could not exit.
    const work = this.work;
    if (work === undefined) return;
    this.timers.get(jobId)?.cancel();
    const timer = this.clock.setTimer(() => {
      if (this.timers.get(jobId) !== timer) return;
      // Node measures a timer from the event loop's cached time, which lags the wall clock on a
      // busy loop: the timer may fire before `dueAt`. The rest of the wait, then.
      if (this.clock.now() < dueAt) {
        this.schedule(jobId, dueAt);
        return;
      }
      this.timers.delete(jobId);
      work(jobId).catch((error: unknown) => {
        this.logger.error({ message: 'job step failed', jobId }, error instanceof Error ? error.stack : String(error));
      });
    }, Math.max(0, dueAt - this.clock.now()));
    this.timers.set(jobId, timer);
  }

  /** @inheritDoc */
  scheduleIfAbsent(jobId: string, dueAt: number): boolean {
    if (this.timers.has(jobId) || this.work === undefined) return false;
    this.schedule(jobId, dueAt);
    return true;
  }

  /** @inheritDoc */
  cancel(jobId: string): void {
    this.timers.get(jobId)?.cancel();
    this.timers.delete(jobId);
  }

  /** @inheritDoc */
  stop(): void {
    this.work = undefined;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** Number of jobs with a due time, for tests and diagnostics. */
  get size(): number {
    return this.timers.size;
  }
}
