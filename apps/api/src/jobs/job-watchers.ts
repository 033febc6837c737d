import type { JobEventSubscriber } from './events/job-event.js';
import type { JobEventBus } from './events/job-event-bus.js';

interface CallerWatch {
  /** Wake-ups per watched job id. */
  readonly byJob: Map<string, Set<() => void>>;
  /** The caller's bus subscription that feeds them. */
  readonly subscriber: JobEventSubscriber;
  /** Settles once the subscription delivers live events. */
  readonly ready: Promise<void>;
  /** Waits not yet disposed of. */
  waiters: number;
}

/**
 * Who is waiting for which job to leave `pending` (long-polls). Wake-ups come from the event bus,
 * so a long-poll wakes whichever process ran the job. A caller with waits has one bus subscription,
 * and its events reach the waits through an index by job, so an event costs one lookup however
 * many long-polls the caller holds. Disposing of a wait removes every trace of it.
 */
export class JobWatchers {
  private readonly callers = new Map<string, CallerWatch>();

  /**
   * @param bus - the source of status changes
   * @param leave - ends a caller's bus subscription once its last wait is over; never rejects
   */
  constructor(
    private readonly bus: Pick<JobEventBus, 'subscribe'>,
    private readonly leave: (callerId: string, subscriber: JobEventSubscriber) => Promise<void>,
  ) {}

  /**
   * Waits for any of a caller's jobs to leave `pending`.
   *
   * @param callerId - the jobs' owner
   * @param jobIds - the jobs to watch
   * @param wake - called once, on the first change, or when the bus closes the subscription
   * @returns once changes are being received, a disposer that stops the wait; call it whether or
   *   not `wake` ran
   */
  async watch(callerId: string, jobIds: readonly string[], wake: () => void): Promise<() => void> {
    const caller = this.callers.get(callerId) ?? this.open(callerId);
    let active = true;
    const listener = (): void => {
      dispose();
      wake();
    };
    const dispose = (): void => {
      if (!active) return;
      active = false;
      for (const id of jobIds) {
        const listeners = caller.byJob.get(id);
        listeners?.delete(listener);
        if (listeners?.size === 0) caller.byJob.delete(id);
      }
      caller.waiters -= 1;
      if (caller.waiters === 0) this.close(callerId, caller);
    };
    caller.waiters += 1;
    for (const id of jobIds) {
      let listeners = caller.byJob.get(id);
      if (listeners === undefined) caller.byJob.set(id, (listeners = new Set()));
      listeners.add(listener);
    }
    try {
      await caller.ready;
    } catch (error) {
      dispose();
      throw error;
    }
    return dispose;
  }

  /** Number of jobs with at least one waiter, for tests and diagnostics. */
  get watchedJobCount(): number {
    let count = 0;
    for (const caller of this.callers.values()) count += caller.byJob.size;
    return count;
  }

  private open(callerId: string): CallerWatch {
    const byJob = new Map<string, Set<() => void>>();
    const notify = (jobId: string): void => {
      for (const listener of [...(byJob.get(jobId) ?? [])]) listener();
    };
    const subscriber: JobEventSubscriber = {
      // Only a status change ends a wait; progress events do not.
      send: (event) => {
        if (event.job.status !== 'pending') notify(event.job.id);
      },
      close: () => {
        for (const jobId of [...byJob.keys()]) notify(jobId);
      },
    };
    const ready = (async (): Promise<void> => {
      await this.bus.subscribe(callerId, subscriber);
    })();
    const caller: CallerWatch = { byJob, subscriber, ready, waiters: 0 };
    this.callers.set(callerId, caller);
    return caller;
  }

  private close(callerId: string, caller: CallerWatch): void {
    if (this.callers.get(callerId) === caller) this.callers.delete(callerId);
    void caller.ready.then(
      () => this.leave(callerId, caller.subscriber),
      () => this.leave(callerId, caller.subscriber),
    );
  }
}
