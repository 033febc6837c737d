/** One request as the fake fetch saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
  signal: AbortSignal;
}

/** Decides the answer to one request. */
export type Route = (request: SeenRequest) => Response | Promise<Response>;

/**
 * An observed `fetch`: records every request (given as a URL and init, or as a `Request`) and
 * answers through `route`. Injected into the client instead of mocking modules.
 */
export function fakeFetch(route: Route): typeof fetch & { requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const seen: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      // Request clones the signal; the original is what the caller aborts.
      signal: init?.signal ?? (input instanceof Request ? input.signal : request.signal),
    };
    requests.push(seen);
    if (seen.signal.aborted) throw seen.signal.reason;
    return route(seen);
  };
  return Object.assign(fn, { requests });
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

/** An event stream the test writes to; it errors when the request is aborted. */
export interface FakeStream {
  response: Response;
  /** Sends one `job` event. */
  event(id: number, data: unknown): void;
  /** Sends raw text (comments, partial frames). */
  write(text: string): void;
  /** Ends the stream as a server would. */
  end(): void;
}

/** Opens a fake `text/event-stream` response tied to `signal`. */
export function fakeStream(signal: AbortSignal): FakeStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  let open = true;
  signal.addEventListener('abort', () => {
    if (open) controller.error(signal.reason);
    open = false;
  });
  const write = (text: string): void => {
    if (open) controller.enqueue(encoder.encode(text));
  };
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    event: (id, data) => write(`id: ${id}\nevent: job\ndata: ${JSON.stringify(data)}\n\n`),
    write,
    end: () => {
      if (open) controller.close();
      open = false;
    },
  };
}
