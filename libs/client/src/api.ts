import type { BatchStatusResponse, CreateJobRequest, Job, paths } from '@heygen-mock/contracts';
import createClient from 'openapi-fetch';
import { abortScope } from './abort-scope.js';
import type { Clock } from './clock.js';
import { AbortError } from './errors/abort-error.js';
import { isHeyGenError, type HeyGenErrorOptions } from './errors/heygen-error.js';
import { HttpError } from './errors/http-error.js';
import { NetworkError } from './errors/network-error.js';
import { TimeoutError } from './errors/timeout-error.js';

/**
 * What a request is for, as reported by the client's `request` event: a create, a single status
 * read (`GET /status/{id}`, not used by the built-in transports), a batch read or long-poll, or
 * a stream connection.
 */
export type RequestKind = 'create' | 'status' | 'batch' | 'stream';

/** The typed HTTP calls the client makes; every failure is a {@link HeyGenError}. @internal */
export interface Api {
  /** `Authorization` header for requests made outside openapi-fetch (the stream). */
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
 * Builds the HTTP layer on openapi-fetch: typed routes, one timeout per request, abort on
 * dispose, and errors classified once here instead of in every transport.
 *
 * @internal
 */
export function createApi(options: ApiOptions): Api {
  const { clock, life, onRequest } = options;
  const headers = { Authorization: `Bearer ${options.apiKey}` };
  const client = createClient<paths>({ baseUrl: options.url, fetch: options.fetch, headers });
  // Requests in flight, aborted from one listener on the lifetime signal: a listener per request
  // would pass the platform's limit (10) with many requests at once and draw a leak warning.
  const inflight = new Set<AbortController>();
  life.addEventListener('abort', () => inflight.forEach((controller) => controller.abort(life.reason)));

  async function call<T>(
    kind: RequestKind,
    ids: readonly string[],
    signal: AbortSignal | undefined,
    extraMs: number,
    send: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    onRequest(kind, ids);
    const ms = options.requestTimeoutMs + extraMs;
    // A request made after dispose follows the lifetime signal, which has already aborted.
    const controller = abortScope(clock, life.aborted ? life : signal, ms, () => new TimeoutError(`No response in ${ms} ms`));
    inflight.add(controller);
    try {
      const { data, error, response } = await send(controller.signal);
      if (!response.ok) throw httpError(response, error);
      return data as T;
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
    create: (body, signal) => call('create', [], signal, 0, (s) => client.POST('/create', { body, signal: s })),
    batch: (ids, waitMs, signal) =>
      call('batch', ids, signal, waitMs, (s) =>
        client.POST('/status/batch', { body: { ids: [...ids], waitMs: waitMs || undefined }, signal: s }),
      ),
  };
}
