import { MAX_WAIT_MS } from '@heygen-mock/contracts';
import { resolveOptions } from './options.js';

const url = 'http://127.0.0.1:3000';

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const o = resolveOptions({ url });
    expect(o).toMatchObject({
      mode: 'AUTO',
      logging: false,
      fallback: true,
      pollInterval: 1000,
      pollMaxInterval: 30_000,
      longPollWaitMs: 25_000,
      heartbeatTimeoutMs: 45_000,
      reconnectMinMs: 250,
      reconnectMaxMs: 10_000,
      probeMinMs: 2000,
      probeMaxMs: 30_000,
      requestTimeoutMs: 30_000,
    });
    expect(typeof o.fetch).toBe('function');
  });

  it('generates a UUID key unless one is given, and keeps a given one', () => {
    expect(resolveOptions({ url }).apiKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveOptions({ url }).apiKey).not.toBe(resolveOptions({ url }).apiKey);
    expect(resolveOptions({ url, apiKey: 'my-saved-key-0123456789' }).apiKey).toBe('my-saved-key-0123456789');
  });

  it('treats an explicit undefined as the default', () => {
    expect(resolveOptions({ url, pollInterval: undefined, mode: undefined })).toMatchObject({ pollInterval: 1000, mode: 'AUTO' });
  });

  it('drops trailing slashes of the url', () => {
    expect(resolveOptions({ url: `${url}//` }).url).toBe(url);
  });

  it('logs to the console only when asked', () => {
    expect(resolveOptions({ url, logging: true }).logger).toBe(console);
    expect(resolveOptions({ url }).logger).toBeUndefined();
  });

  it.each([
    [{ url: 'localhost:3000' }, /^Expected `url` to be an http\(s\) URL\.$/],
    [{ url, reconnectMinMs: -1 }, /^Expected `reconnectMinMs` to be a number of at least 0\.$/],
    [{ url, heartbeatTimeoutMs: Infinity }, /`heartbeatTimeoutMs`/],
    [{ url, probeMinMs: NaN }, /`probeMinMs`/],
    [{ url, requestTimeoutMs: '5000' }, /`requestTimeoutMs`/],
    [{ url, fallback: 'yes' }, /^Expected `fallback` to be a boolean\.$/],
    [{ url, logging: 1 }, /`logging`/],
    [{ url, fetch: 'fetch' }, /^Expected `fetch` to be a function\.$/],
    [{ url, apiKey: 'short' }, /`apiKey`/],
    [{ url, apiKey: 'has spaces in it, which the server refuses' }, /`apiKey`/],
    // Below these, a client sends requests back to back.
    [{ url, pollInterval: 0 }, /^Expected `pollInterval` to be a number of at least 10\.$/],
    [{ url, pollInterval: 9 }, /`pollInterval`/],
    [{ url, pollMaxInterval: 0 }, /^Expected `pollMaxInterval` to be a number of at least 10\.$/],
    [{ url, longPollWaitMs: 0 }, /^Expected `longPollWaitMs` to be a number of at least 100\.$/],
    [{ url, longPollWaitMs: 99 }, /`longPollWaitMs`/],
  ])('rejects %j with a TypeError naming the option', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(TypeError);
    expect(() => resolveOptions(options as never)).toThrow(message);
  });

  it('accepts the smallest allowed values', () => {
    expect(resolveOptions({ url, pollInterval: 10, pollMaxInterval: 10, longPollWaitMs: 100 })).toMatchObject({
      pollInterval: 10,
      pollMaxInterval: 10,
      longPollWaitMs: 100,
    });
  });

  it('holds long-polls no longer than the contract allows, instead of having them refused', () => {
    expect(resolveOptions({ url, longPollWaitMs: 60_000 }).longPollWaitMs).toBe(MAX_WAIT_MS);
    expect(resolveOptions({ url, longPollWaitMs: MAX_WAIT_MS }).longPollWaitMs).toBe(MAX_WAIT_MS);
  });
});
