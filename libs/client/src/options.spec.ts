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
    [{ url, pollInterval: -1 }, /^Expected `pollInterval` to be a non-negative number\.$/],
    [{ url, heartbeatTimeoutMs: Infinity }, /`heartbeatTimeoutMs`/],
    [{ url, probeMinMs: NaN }, /`probeMinMs`/],
    [{ url, requestTimeoutMs: '5000' }, /`requestTimeoutMs`/],
    [{ url, fallback: 'yes' }, /^Expected `fallback` to be a boolean\.$/],
    [{ url, logging: 1 }, /`logging`/],
    [{ url, fetch: 'fetch' }, /^Expected `fetch` to be a function\.$/],
    [{ url, apiKey: 'short' }, /`apiKey`/],
    [{ url, apiKey: 'has spaces in it, which the server refuses' }, /`apiKey`/],
  ])('rejects %j with a TypeError naming the option', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(TypeError);
    expect(() => resolveOptions(options as never)).toThrow(message);
  });

});
