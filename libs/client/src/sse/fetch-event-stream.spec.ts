import { isHeyGenError } from '../errors/heygen-error.js';
import { fakeFetch, fakeStream, json } from '../testing/fake-fetch.js';
import { flush } from '../testing/flush.js';
import { fetchEventStream } from './fetch-event-stream.js';

const request = (signal = new AbortController().signal) => ({ url: 'http://api.test/status?ids=a', headers: { Authorization: 'Bearer k' }, signal });
const handlers = () => ({ open: jest.fn(), event: jest.fn(), bytes: jest.fn() });

describe('fetchEventStream', () => {
  it('asks for an event stream with the given headers and parses its events', async () => {
    const controller = new AbortController();
    let stream!: ReturnType<typeof fakeStream>;
    const fetch = fakeFetch(({ signal }) => (stream = fakeStream(signal)).response);
    const h = handlers();
    const done = fetchEventStream(fetch)(request(controller.signal), h);
    await flush();
    expect(fetch.requests[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(fetch.requests[0]!.headers.get('authorization')).toBe('Bearer k');
    expect(h.open).toHaveBeenCalledTimes(1);
    stream.write(': heartbeat\n\nid: 5\nevent: job\nda');
    stream.write('ta: {"id":"a"}\n\n');
    stream.end();
    await done;
    expect(h.event).toHaveBeenCalledWith({ id: '5', event: 'job', data: '{"id":"a"}' });
    expect(h.bytes).toHaveBeenCalledTimes(2);
  });

  it('fails the connection on another status, with its Retry-After', async () => {
    const fetch = fakeFetch(() => json({ type: 'urn:heygen-mock:problem:internal' }, 503, { 'retry-after': '3' }));
    const h = handlers();
    const error = await fetchEventStream(fetch)(request(), h).catch((e: unknown) => e);
    expect(isHeyGenError(error, 'ERR_HTTP')).toBe(true);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 3000 });
    expect(h.open).not.toHaveBeenCalled();
  });

  it('fails the connection when a 200 is not an event stream (a proxy page, say)', async () => {
    const fetch = fakeFetch(() => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const h = handlers();
    const error = await fetchEventStream(fetch)(request(), h).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 200 });
    expect(h.open).not.toHaveBeenCalled();
  });
});
