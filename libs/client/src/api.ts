import type { BatchStatusResponse, CreateJobRequest, Job, paths } from '@heygen-mock/contracts';
import { abortScope } from './abort-scope.js';
import type { Clock } from './clock.js';
import { AbortError } from './errors/abort-error.js';
import { isHeyGenError, type HeyGenErrorOptions } from './errors/heygen-error.js';
import { HttpError } from './errors/http-error.js';
import { NetworkError } from './errors/network-error.js';
import { TimeoutError } from './errors/timeout-error.js';

/** The routes the client posts JSON to. @internal */
export type PostPath = '/create' | '/status/batch';

type Post<P extends PostPath> = paths[P]['post'];

/** The JSON body of `POST path`, as the contract has it. @internal */
export type PostBody<P extends PostPath> = NonNullable<Post<P>['requestBody']>['content']['application/json'];

/** The JSON answer of a successful `POST path` (its 2xx responses), as the contract has it. @internal */
export type PostAnswer<P extends PostPath> = {
  [S in keyof Post<P>['responses']]: S extends 200 | 201 ? Post<P>['responses'][S] extends { content: { 'application/json': infer T } } ? T : never : never;
}[keyof Post<P>['responses']];

/**
 * What a request is for, as reported by the client's `request` event: a create, a single status
 * read (`GET /status/{id}`, not used by the built-in transports), a batch read or long-poll, or
 * a stream connection.
 */
export type RequestKind = 'create' | 'status' | 'batch' | 'stream';

/** The typed HTTP calls the client makes; every failure is a {@link HeyGenError}. @internal */
export interface Api {
  /** The `Authorization` header, also for the stream, which is not a JSON request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Counts and announces a request. */
  track(kind: RequestKind, ids: readonly string[]): void;
  create(body: CreateJobRequest | undefined, signal?: AbortSignal): Promise<Job>;
  batch(ids: readonly string[], waitMs: number, signal?: AbortSignal): Promise<BatchStatusResponse>;
}

/** @internal */
export interface ApiOptions {
  url: string;
  apiKey: string;
  fetch: typeof fetch;
  clock: Clock;
  requestTimeoutMs: number;
  /** Aborted when the client is disposed; ends every request in flight. */
  life: AbortSignal;
  onRequest(kind: RequestKind, ids: readonly string[]): void;
}

/**
 * Turns a failed response into a typed error.
 *
 * @internal
 */
export function httpError(response: Response, problem?: unknown): HttpError {
  const { status } = response;
  // `Retry-After` is read in its delta-seconds form, the one this API sends; an HTTP date
  // gives NaN, hence undefined, and the client's own backoff applies.
  const retryAfterMs = Number(response.headers.get('retry-after')) * 1000 || undefined;
  // `problem` is HttpError's own context, beyond the common options.
  return new HttpError(`HTTP ${status}`, { status, retryAfterMs, problem } as HeyGenErrorOptions);
}

/**
 * The HTTP layer: JSON requests typed by the contract's routes, one timeout per request, abort
 * on dispose, and errors classified once here instead of in every transport.
 *
 * @internal
 */
export function createApi(options: ApiOptions): Api {
  const { clock, life, onRequest } = options;
  const headers = { Authorization: `Bearer ${options.apiKey}` };

  // Requests in flight, aborted from one listener on the lifetime signal: a listener per request
  // would pass the platform's limit (10) with many requests at once and draw a leak warning.
  const inflight = new Set<AbortController>();
  life.addEventListener('abort', () => inflight.forEach((controller) => controller.abort(life.reason)));

  /**
   * `POST path`, with a JSON body when there is one; the answer of a success must be JSON, and
   * an error status gives its problem document when it has one.
   *
   * @param ids - the jobs it concerns, as announced
   * @param extraMs - time allowed beyond `requestTimeoutMs` (a long-poll's hold)
   */
  async function post<P extends PostPath>(
    kind: RequestKind,
    ids: readonly string[],
    path: P,
    body: PostBody<P> | undefined,
    signal: AbortSignal | undefined,
    extraMs: number,
  ): Promise<PostAnswer<P>> {
    onRequest(kind, ids);
    const ms = options.requestTimeoutMs + extraMs;
    // A request made after dispose follows the lifetime signal, which has already aborted.
    const controller = abortScope(clock, life.aborted ? life : signal, ms, () => new TimeoutError(`No response in ${ms} ms`));
    inflight.add(controller);
    try {
      const response = await options.fetch(options.url + path, {
        method: 'POST',
        headers: body ? { ...headers, 'Content-Type': 'application/json' } : headers,
        body: body && JSON.stringify(body),
        signal: controller.signal,
      });
      const json: Promise<PostAnswer<P>> = response.json();
      if (!response.ok) throw httpError(response, await json.catch(() => undefined));
      return await json;
    } catch (error) {
      const { aborted, reason } = controller.signal;
      const cause: unknown = aborted ? reason : error;
      throw isHeyGenError(cause) ? cause : new (aborted ? AbortError : NetworkError)(`${kind}: ${cause}`, { cause });
    } finally {
      inflight.delete(controller);
      controller.abort();
    }
  }

  return {
    headers,
    track: onRequest,
    create: (body, signal) => post('create', [], '/create', body, signal, 0),
    batch: (ids, waitMs, signal) => post('batch', ids, '/status/batch', { ids: [...ids], waitMs: waitMs || undefined }, signal, waitMs),
  };
}
