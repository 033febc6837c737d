/** One event-stream request a client made. */
export interface StreamRequest {
  /** Its `Last-Event-ID` header: the id it resumed after, or `null` for a new subscription. */
  readonly lastEventId: string | null;
}

/** A `fetch` to hand to a client, and the event-stream requests made through it. */
export interface StreamRequestLog {
  readonly fetch: typeof fetch;
  /** Every `GET /status` made through {@link StreamRequestLog.fetch}, in order. */
  readonly requests: readonly StreamRequest[];
}

/**
 * Wraps `fetch` to record the event-stream requests (`GET /status`) going through it, with
 * their `Last-Event-ID`: how a scenario sees, from outside the client, that it resumed.
 *
 * @param base - the fetch that does the work @default globalThis.fetch
 * @returns the observed fetch and its record
 * @example
 * const log = observeStreamRequests();
 * const client = new HeyGenAPI({ url, fetch: log.fetch });
 */
export function observeStreamRequests(base: typeof fetch = globalThis.fetch): StreamRequestLog {
  const requests: StreamRequest[] = [];
  const observed: typeof fetch = (input, init) => {
    const original = input instanceof Request ? input : undefined;
    const url = new URL(original?.url ?? String(input));
    const method = init?.method ?? original?.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/status') {
      requests.push({ lastEventId: new Headers(init?.headers ?? original?.headers).get('last-event-id') });
    }
    return base(input, init);
  };
  return { fetch: observed, requests };
}
