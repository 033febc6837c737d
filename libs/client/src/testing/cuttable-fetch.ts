/**
 * A real `fetch` with a switch, to play network trouble against the real server: `cutStreams()`
 * breaks every open event stream as a dropped connection would, and `down(true)` refuses new
 * stream connections until `down(false)`. Other requests pass untouched.
 */
export function cuttableFetch() {
  const open = new Set<AbortController>();
  const streamRequests: Headers[] = [];
  let isDown = false;
  const fn: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method != 'GET' || new URL(request.url).pathname != '/status') return fetch(request);
    streamRequests.push(request.headers);
    if (isDown) throw new TypeError('fetch failed: network is down');
    const controller = new AbortController();
    request.signal.addEventListener('abort', () => controller.abort(request.signal.reason));
    open.add(controller);
    controller.signal.addEventListener('abort', () => open.delete(controller));
    const response = await fetch(request, { signal: controller.signal });
    // A stream the server answered without streaming (an error) is not open.
    if (!response.ok) open.delete(controller);
    return response;
  };
  return {
    fetch: fn,
    streamRequests,
    /** Event streams answered and not yet cut or ended by the client. */
    openStreams: (): number => open.size,
    cutStreams: () => open.forEach((controller) => controller.abort(new TypeError('connection reset'))),
    down: (value: boolean) => void (isDown = value),
  };
}
