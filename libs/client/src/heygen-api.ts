import type { CreateJobRequest, Job } from '@heygen-mock/contracts';
import { createApi, type Api, type RequestKind } from './api.js';
import { DisposedError } from './errors/disposed-error.js';
import type { HeyGenError } from './errors/heygen-error.js';
import { JobNotFoundError } from './errors/job-not-found-error.js';
import { ListenerNotFoundError } from './errors/listener-not-found-error.js';
import { createJobRegistry, type JobRegistry } from './job-registry.js';
import type { HeyGenStatusListenerMode, Transport } from './mode.js';
import { resolveOptions, type HeyGenAPIOptions, type ResolvedOptions } from './options.js';
import { pickStream } from './sse/pick-stream.js';
import type { ClientStats } from './stats.js';
import { createTransportManager, type TransportManager } from './transport-manager.js';
import { waitForJob, type WaitOptions } from './wait-for-job.js';
import { watchJob } from './watch-job.js';

// Explicit resource management where the runtime supports it; elsewhere the methods sit under
// private symbols, out of the way.
const DISPOSE: typeof Symbol.dispose = Symbol.dispose ?? (Symbol() as typeof Symbol.dispose);
const ASYNC_DISPOSE: typeof Symbol.asyncDispose = Symbol.asyncDispose ?? (Symbol() as typeof Symbol.asyncDispose);

/** A switch of transport, announced by the `transport` event. */
export interface TransportChange {
  /** The transport before; `null` for the initial choice. */
  readonly from: Transport | null;
  readonly to: Transport;
  /** Why: `initial`, `changeBackend`, `recovered`, or `fallback: <failure>`. */
  readonly reason: string;
}

/** One HTTP request, announced by the `request` event. */
export interface RequestEvent {
  readonly kind: RequestKind;
  /** The jobs it concerns (all watched jobs for a stream, none for a create). */
  readonly ids: readonly string[];
}

/** Events of {@link HeyGenAPI.on}. */
export interface HeyGenEvents {
  transport: TransportChange;
  request: RequestEvent;
  /** Every new job state received (repeats and stale states are dropped). */
  job: Job;
}

/** Callback of {@link HeyGenAPI.listen}. */
export type StatusCallback = (job: Job) => void;

/** Options of {@link HeyGenAPI.createJob} and {@link HeyGenAPI.watch}. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * Client of the job API: creates jobs and tells when they finish, over SSE, polling or
 * long-polling, switching between them by itself.
 *
 * @example
 * ```ts
 * const client = new HeyGenAPI({ url: 'http://localhost:3000' });
 * const job = await client.createJob();
 * const done = await client.waitForJob(job.id, { timeoutMs: 60_000 });
 * client.dispose();
 * ```
 */
export class HeyGenAPI {
  readonly #options: ResolvedOptions;
  readonly #stats = {
    requests: 0,
    statusRequests: 0,
    createRequests: 0,
    streamConnects: 0,
    reconnects: 0,
    fallbacks: 0,
    recoveries: 0,
    eventsReceived: 0,
  };
  readonly #handlers = new Set<[name: keyof HeyGenEvents, handler: (event: never) => void]>();
  readonly #registry: JobRegistry;
  readonly #api: Api;
  readonly #transports: TransportManager;
  /** Logs an error nobody else receives: a throwing handler, a `listen()` without `onError`. */
  readonly #log: (error: unknown) => void;
  /** Aborted by `dispose()` with a {@link DisposedError}, which ends requests in flight. */
  readonly #life = new AbortController();

  /**
   * @param options - see {@link HeyGenAPIOptions}; only `url` is required
   * @throws TypeError naming the first invalid option
   */
  constructor(options: HeyGenAPIOptions) {
    const o = (this.#options = resolveOptions(options));
    const stats = this.#stats;
    const log = (this.#log = (error) => o.logger?.error('[heygen]', error));
    const emit = <K extends keyof HeyGenEvents>(name: K, event: HeyGenEvents[K]): void =>
      // A throwing handler is logged and stops neither the other handlers nor a transport.
      this.#handlers.forEach(([key, handler]) => {
        try {
          if (key == name) (handler as (e: HeyGenEvents[K]) => void)(event);
        } catch (error) {
          log(error);
        }
      });
    const announce = (from: Transport | null, to: Transport, reason: string): void => {
      o.logger?.info('[heygen]', from, '->', to, reason);
      emit('transport', { from, to, reason });
    };
    const registry = (this.#registry = createJobRegistry({
      watch: (id) => this.#transports.watch(id),
      unwatch: (id) => this.#transports.unwatch(id),
      update: (job) => emit('job', job),
      error: log,
      now: () => o.clock.now(),
    }));
    const api = (this.#api = createApi({
      ...o,
      life: this.#life.signal,
      onRequest: (kind, ids) => {
        stats.requests++;
        stats[kind == 'create' ? 'createRequests' : kind == 'stream' ? 'streamConnects' : 'statusRequests']++;
        emit('request', { kind, ids });
      },
    }));
    this.#transports = createTransportManager(
      {
        api,
        options: o,
        stats,
        registry,
        applyBatch: ({ jobs, notFound }) => {
          jobs.forEach((job) => registry.deliver(job));
          for (const id of notFound) registry.fail([id], new JobNotFoundError(`Job ${id} not found`, { jobId: id, status: 404 }));
        },
        // Failures the client recovers from by itself (it retries, reconnects or falls back).
        report: (error) => o.logger?.warn('[heygen]', error.message),
      },
      pickStream(o.EventSource, o.fetch),
      o.mode,
      announce,
    );
    // Handlers subscribed right after construction hear the initial choice too.
    queueMicrotask(() => announce(null, this.transport, 'initial'));
  }

  /** The caller key sent as `Authorization: Bearer`; keep it to resume watching jobs later. */
  get apiKey(): string {
    return this.#options.apiKey;
  }

  /** The transport in use right now. */
  get transport(): Transport {
    return this.#transports.kind;
  }

  /** A snapshot of the request and transport counters. */
  get stats(): ClientStats {
    return { ...this.#stats };
  }

  /**
   * Subscribes to an event.
   *
   * @returns a function that unsubscribes
   */
  on<K extends keyof HeyGenEvents>(name: K, handler: (event: HeyGenEvents[K]) => void): () => void {
    const entry: [K, typeof handler] = [name, handler];
    this.#handlers.add(entry);
    return () => void this.#handlers.delete(entry);
  }

  /**
   * Creates a job. Not retried: a create is not idempotent.
   *
   * @param request - optional duration and outcome overrides
   * @returns the pending job, whose `pollAfterMs` already schedules the first poll
   * @throws HttpError, NetworkError, TimeoutError, AbortError or DisposedError
   */
  async createJob(request?: CreateJobRequest, options: RequestOptions = {}): Promise<Job> {
    this.#alive();
    // A stream that opens while this request is under way may subscribe after the job changed
    // again: the answer counts as of when the request left, which tells the stream transport
    // to read the job when it is watched.
    const askedAt = this.#options.clock.now();
    const job = await this.#api.create(request, options.signal);
    this.#registry.deliver(job, askedAt);
    return job;
  }

  /**
   * Waits until a job finishes.
   *
   * @returns the completed job
   * @throws JobFailedError (the job ended in `error`), TimeoutError, AbortError,
   * JobNotFoundError, DisposedError, or HttpError when the server rejects the status reads
   */
  async waitForJob(id: string, options?: WaitOptions): Promise<Job> {
    this.#alive();
    return waitForJob(this.#registry, this.#options.clock, id, options);
  }

  /**
   * Iterates over the states of a job; ends after the terminal one.
   *
   * @example
   * ```ts
   * for await (const job of client.watch(id)) console.log(job.status, job.progress);
   * ```
   */
  watch(id: string, options: RequestOptions = {}): AsyncGenerator<Job, void> {
    this.#alive();
    return watchJob(this.#registry, id, options.signal);
  }

  /**
   * Calls `callback` with each new state of a job: every status change, progress changes as
   * they arrive, and the terminal state exactly once, after which listening ends.
   *
   * @param onError - receives the error when the job cannot be watched; logged otherwise
   */
  listen(id: string, callback: StatusCallback, onError?: (error: HeyGenError) => void): void {
    this.#alive();
    this.#registry.add(id, { job: callback, fail: onError ?? this.#log, user: true });
  }

  /**
   * Removes the `listen()` callbacks of a job.
   *
   * @throws ListenerNotFoundError when the job has none
   */
  stop(id: string): void {
    const mine = [...(this.#registry.watches.get(id) ?? [])].filter((listener) => listener.user);
    if (!mine[0]) throw new ListenerNotFoundError(`No listener for job ${id}`, { jobId: id });
    mine.forEach((listener) => this.#registry.remove(id, listener));
  }

  /**
   * Switches transport now, keeping every listener. `AUTO` re-evaluates the platform. An
   * explicit choice ends background probing; a chosen stream starts afresh.
   *
   * @throws TypeError for an unknown or unsupported mode
   */
  changeBackend(mode: HeyGenStatusListenerMode): void {
    this.#alive();
    this.#transports.change(mode);
  }

  /**
   * Stops everything: requests, streams, timers and handlers. Pending waits reject with
   * {@link DisposedError}. Idempotent.
   */
  dispose(): void {
    const life = this.#life;
    if (life.signal.aborted) return;
    life.abort(new DisposedError('Client disposed'));
    this.#transports.close();
    this.#registry.close(life.signal.reason);
    this.#handlers.clear();
  }

  /** Same as {@link HeyGenAPI.dispose}, for `using client = new HeyGenAPI(…)`. */
  [DISPOSE](): void {
    this.dispose();
  }

  /** Same as {@link HeyGenAPI.dispose}, for `await using`. */
  async [ASYNC_DISPOSE](): Promise<void> {
    this.dispose();
  }

  #alive(): void {
    if (this.#life.signal.aborted) throw this.#life.signal.reason;
  }
}
