import type { Job } from '@heygen-mock/contracts';
import type { HeyGenError } from './errors/heygen-error.js';

/** One consumer of a job's updates: a `listen()` callback, a waiter or an iterator. @internal */
export interface JobListener {
  /** Every new state of the job; the last call carries the terminal state. */
  job(job: Job): void;
  /** The job can no longer be watched (unknown job, rejected request, dispose). */
  fail(error: HeyGenError): void;
  /** Set for `listen()` callbacks, which `stop(id)` removes. */
  user?: boolean;
}

/** What the registry tells its owner. @internal */
export interface RegistryHooks {
  /** A job gained its first listener: start watching it. */
  watch(id: string): void;
  /** A job lost its last listener or reached a terminal state: stop watching it. */
  unwatch(id: string): void;
  /** A new state arrived (after de-duplication). */
  update(job: Job): void;
  /** A listener threw. */
  error(error: unknown): void;
  now(): number;
}

/**
 * Known states are kept for de-duplication and the first poll's hint. Past this many unwatched
 * jobs, the one heard of least recently is forgotten; a watched job never is. A terminal state
 * reaches each listener once regardless: that rests on ending the watch, not on this memory.
 */
const KNOWN_LIMIT = 1000;

/** The watched jobs and their last known states. @internal */
export interface JobRegistry {
  /**
   * Last state of each job, when it was received and when it was asked for (ms): a state is
   * at least as new as the moment it was asked for, which tells whether a stream opened
   * since then keeps it current.
   */
  readonly known: Map<string, [job: Job, receivedAt: number, askedAt: number]>;
  /** Listeners of each watched job. */
  readonly watches: Map<string, Set<JobListener>>;
  /** Ids of every watched job. */
  ids(): string[];
  /** Adds a listener; a job already known to be finished is answered from memory. */
  add(id: string, listener: JobListener): void;
  /** Removes a listener; the job stops being watched with its last listener. */
  remove(id: string, listener: JobListener): void;
  /**
   * Records a job state and hands it to the job's listeners unless it is stale or repeated.
   *
   * @param askedAt - when the request that brought it was sent; by default now
   */
  deliver(job: Job, askedAt?: number): void;
  /** Ends the watch of each job with `error`. */
  fail(ids: readonly string[], error: HeyGenError): void;
  /** Ends every watch with `error`, and fails every listener added from now on with it. Final. */
  close(error: HeyGenError): void;
}

/**
 * The single source of truth about watched jobs, independent of any transport: every update,
 * from whichever transport, goes through `deliver`, which drops stale and repeated states. The
 * order of states comes from the job itself, never from timestamps: `pending` states ordered by
 * `progress`, which only grows, then the terminal state, which nothing replaces. A terminal
 * state therefore reaches each listener exactly once, even when a replayed stream, a poll, a
 * reconciliation read and a late create response all report the job.
 *
 * @internal
 */
export function createJobRegistry(hooks: RegistryHooks): JobRegistry {
  const known: JobRegistry['known'] = new Map();
  const watches: JobRegistry['watches'] = new Map();
  let closed: HeyGenError | undefined;
  /** Known jobs nobody watches, heard of least recently first: the order they are forgotten in. */
  const idle = new Set<string>();

  /** Moves a known, unwatched job to the recent end, and forgets the oldest past the limit. */
  const touch = (id: string): void => {
    idle.delete(id);
    idle.add(id);
    for (const old of idle) {
      if (idle.size <= KNOWN_LIMIT) break;
      idle.delete(old);
      known.delete(old);
    }
  };

  const end = (id: string, set: Set<JobListener>): void => {
    if (watches.get(id) != set) return;
    watches.delete(id);
    if (known.has(id)) touch(id);
    hooks.unwatch(id);
  };

  const call = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      hooks.error(error);
    }
  };

  const registry: JobRegistry = {
    known,
    watches,
    ids: () => [...watches.keys()],
    add(id, listener) {
      const job = known.get(id)?.[0];
      const set = watches.get(id);
      // A listener added after close(), such as an iterator first pulled after dispose().
      if (closed) listener.fail(closed);
      else if (job && job.status != 'pending') queueMicrotask(() => call(() => listener.job(job)));
      else if (set) set.add(listener);
      else {
        watches.set(id, new Set([listener]));
        idle.delete(id);
        hooks.watch(id);
      }
    },
    remove(id, listener) {
      const set = watches.get(id);
      if (set?.delete(listener) && !set.size) end(id, set);
    },
    deliver(job, askedAt) {
      const previous = known.get(job.id)?.[0];
      // A terminal state is final, and a pending state is newer only when it has progressed:
      // both hold whichever server stamped `updatedAt` and however its clock runs, so no two
      // clocks are compared. A state as far along as the known one is a repeat.
      if (previous && (previous.status != 'pending' || (job.status == 'pending' && job.progress <= previous.progress))) return;
      const now = hooks.now();
      known.set(job.id, [job, now, askedAt ?? now]);
      hooks.update(job);
      const set = watches.get(job.id);
      if (!set) return touch(job.id);
      [...set].forEach((listener) => call(() => listener.job(job)));
      // Listeners may call stop(id) from their callback, so the watch ends after them.
      if (job.status != 'pending') end(job.id, set);
    },
    fail(ids, error) {
      for (const id of ids) {
        const set = watches.get(id);
        if (!set) continue;
        end(id, set);
        set.forEach((listener) => call(() => listener.fail(error)));
      }
    },
    close(error) {
      closed = error;
      registry.fail(registry.ids(), error);
    },
  };
  return registry;
}
