import { fakeFetch, fakeStream } from '../testing/fake-fetch.js';
import { flush } from '../testing/flush.js';
import type { EventSourceConstructor } from './event-source-stream.js';
import { pickStream } from './pick-stream.js';
import { pickStream as pickBrowserStream } from './pick-stream.browser.js';

/** An `EventSource` class that only counts its instances; it never opens. */
function countingEventSource() {
  const made = jest.fn();
  const EventSource = class {
    onopen = null;
    onerror = null;
    constructor() {
      made();
    }
    addEventListener = (): void => undefined;
    close = (): void => undefined;
  } as unknown as EventSourceConstructor;
  return { EventSource, made };
}

/** Opens a stream the way `pick` chose, then aborts it; returns the fetch it was given. */
async function openAndAbort(pick: typeof pickStream, EventSource: EventSourceConstructor) {
  const controller = new AbortController();
  const fetch = fakeFetch(({ signal }) => fakeStream(signal).response);
  const handlers = { open: () => undefined, event: () => undefined, bytes: () => undefined };
  const opening = pick(EventSource, fetch)?.({ url: 'http://api.test/status', headers: {}, signal: controller.signal }, handlers);
  await flush();
  controller.abort();
  await opening?.catch(() => undefined);
  return fetch;
}

describe('pickStream', () => {
  it('streams through the EventSource class it is given', async () => {
    const { EventSource, made } = countingEventSource();
    const fetch = await openAndAbort(pickStream, EventSource);
    expect(made).toHaveBeenCalledTimes(1);
    expect(fetch.requests).toEqual([]);
  });

  it('streams with fetch in the browser build, whatever EventSource class it is given', async () => {
    const { EventSource, made } = countingEventSource();
    const fetch = await openAndAbort(pickBrowserStream, EventSource);
    expect(made).not.toHaveBeenCalled();
    expect(fetch.requests.map((request) => request.url.pathname)).toEqual(['/status']);
  });
});
