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
    return fetch(request, { signal: controller.signal });
  };
  return {
    fetch: fn,
    streamRequests,
    cutStreams: () => open.forEach((controller) => controller.abort(new TypeError('connection reset'))),
    down: (value: boolean) => void (isDown = value),
    /** Resolves at the given wall-clock time. */
    until: (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now()))),
  };
}
