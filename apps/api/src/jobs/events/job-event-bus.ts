import type { Awaitable } from '../../common/async/awaitable.js';
import type { JobDto } from '../dto/job.dto.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';

/** What a new subscriber receives before live events. */
export interface SubscriptionStart {
  /** Events to write first, in id order: a replay, or a snapshot of current states. */
  readonly initial: JobEvent[];
  /** `true` when `initial` replays the log, `false` when it is a snapshot. */
  readonly replayed: boolean;
}

/**
 * Delivers job events per caller: numbers them, keeps a bounded log for `Last-Event-ID` replay and
 * fans them out to the caller's subscribers (event streams and long-polls). The jobs service talks
 * to it only through this interface, so a distributed bus can replace the in-memory default and a
 * long-poll or stream on one instance then hears about jobs that another instance runs.
 *
 * Every method but {@link JobEventBus.subscriberCount} may answer synchronously or with a promise.
 */
export interface JobEventBus {
  /**
   * Numbers a job's new state, logs it and delivers it to the owner's subscribers.
   *
   * @param callerId - the job's owner
   * @param job - the state to publish
   */
  publish(callerId: string, job: JobDto): Awaitable<void>;

  /**
   * Registers a subscriber and works out what it must receive first: the logged events after
   * `lastEventId` when the log still covers them, otherwise `snapshot()` under fresh ids.
   *
   * Nothing is lost or repeated between the two: every event published after the call starts is
   * either in `initial` or passed to `subscriber.send`, and the events sent have ids above every
   * id in `initial`. `send` may be called as soon as the answer is available, before its receiver
   * has handled it, so a subscriber that writes `initial` first holds earlier sends until then.
   * When the answer is a failure the subscriber is not registered.
   *
   * @param callerId - the subscribing caller
   * @param subscriber - receives live events
   * @param lastEventId - the reconnecting client's last id, if any
   * @param snapshot - reads the current states to send when there is nothing to replay
   * @returns the initial events
   */
  subscribe(
    callerId: string,
    subscriber: JobEventSubscriber,
    lastEventId: number | undefined,
    snapshot: () => Awaitable<readonly JobDto[]>,
  ): Awaitable<SubscriptionStart>;

  /**
   * Removes a subscriber; a closed connection leaves nothing behind.
   *
   * @param callerId - the caller it subscribed as
   * @param subscriber - the subscriber to remove
   */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): Awaitable<void>;

  /**
   * Says that a caller has no jobs left: its sequence and log may go unless it still has
   * subscribers.
   *
   * @param callerId - the caller
   */
  release(callerId: string): Awaitable<void>;

  /** Closes every subscriber of this process, so that the HTTP server can close during shutdown. */
  closeAll(): Awaitable<void>;

  /**
   * Number of live subscribers of a caller in this process, for tests and diagnostics.
   *
   * @param callerId - the caller
   * @returns the count
   */
  subscriberCount(callerId: string): number;
}

/** Dependency-injection token for the {@link JobEventBus}. */
export const JOB_EVENT_BUS = Symbol('JOB_EVENT_BUS');
