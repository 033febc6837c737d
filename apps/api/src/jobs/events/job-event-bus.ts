import type { Awaitable } from '../../common/async/awaitable.js';
import type { JobDto } from '../dto/job.dto.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';

/** What a new event stream asks to start with. */
export interface ReplayRequest {
  /** The reconnecting client's last event id; absent for a new subscription. */
  readonly lastEventId?: number;
  /** The jobs the stream is limited to (`?ids=`); all of the caller's when absent. */
  readonly jobIds?: readonly string[];
}

/** The events a stream starts with. */
export interface Replay {
  /** `true` when they resume after `lastEventId`, `false` when they are a snapshot. */
  readonly resumed: boolean;
  /** The events in id order, a page at a time, so that a large start is written in chunks. */
  readonly events: AsyncIterable<readonly JobEvent[]>;
}

/**
 * Numbers job events per caller, keeps each caller's compacted replay log and fans events out to
 * the caller's subscribers (event streams and long-polls). The jobs service talks to it only
 * through this interface, so a distributed bus can replace the in-memory default and a
 * long-poll or stream on one instance then hears about jobs that another instance runs.
 *
 * Every method but {@link JobEventBus.subscriberCount} may answer synchronously or with a promise.
 */
export interface JobEventBus {
  /**
   * Issues the next event id, for a status change that is stored with its id before it is
   * published (see {@link JobEventBus.publish}).
   *
   * @returns an id above every id issued so far
   */
  nextId(): Awaitable<number>;

  /**
   * Says that ids up to `lastId` were issued before (by an earlier run, on a durable store):
   * ids issued from now on are above it.
   *
   * @param lastId - the highest id known to be issued
   */
  seed(lastId: number): Awaitable<void>;

  /**
   * Keeps a job's new state as its entry in its owner's replay log (when the owner has one)
   * and delivers it to the owner's subscribers.
   *
   * @param callerId - the job's owner
   * @param job - the state to publish
   * @param id - the id from {@link JobEventBus.nextId} the state was stored with; a fresh one
   *   when absent (progress events, which are not stored)
   * @returns the event
   */
  publish(callerId: string, job: JobDto, id?: number): Awaitable<JobEvent>;

  /**
   * Delivers the caller's events published from now on to `subscriber`.
   *
   * @param callerId - the subscribing caller
   * @param subscriber - receives live events
   */
  subscribe(callerId: string, subscriber: JobEventSubscriber): Awaitable<void>;

  /**
   * Works out what a stream starts with: after a `lastEventId` this bus issued, the latest
   * event of every job that changed after it; otherwise a snapshot: the entries of the caller's
   * pending jobs, or of each job in `jobIds` whatever its status. Both carry the entries' own
   * ids, so a stream cut in the middle of either resumes exactly where it was.
   *
   * A caller without a log (a new stream, a log dropped over the bound, a restart) gets one
   * built from `states`, each job under the id of its last status change: a resume then
   * replays every status change after `lastEventId` exactly, and the progress of pending jobs
   * catches up with their next progress event.
   *
   * Subscribe first: an event published meanwhile is then both delivered live and possibly in
   * the replay, and a stream drops whatever does not have an id above the last one it sent.
   *
   * @param callerId - the caller
   * @param request - where to start, and which jobs
   * @param states - the caller's jobs in the order of their last status change, each as an
   *   event with that change's id, in pages
   * @returns the events to send first
   */
  replay(callerId: string, request: ReplayRequest, states: () => AsyncIterable<readonly JobEvent[]>): Awaitable<Replay>;

  /**
   * Removes a subscriber; a closed connection leaves nothing behind.
   *
   * @param callerId - the caller it subscribed as
   * @param subscriber - the subscriber to remove
   */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): Awaitable<void>;

  /**
   * Says that a job was deleted: its entry goes, and the caller's log with its last entry.
   *
   * @param callerId - the job's owner
   * @param jobId - the job
   */
  forget(callerId: string, jobId: string): Awaitable<void>;

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
