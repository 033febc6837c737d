import { startApiServer, TcpProxy, type ApiServer, type ApiServerOptions } from '@heygen-mock/testing';

/** A server and the proxy in front of it. */
export interface Stack {
  readonly api: ApiServer;
  readonly proxy: TcpProxy;
  /** The URL clients use: the proxy's. */
  readonly url: string;
  /** Closes the proxy, then stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the built API with `options` and a {@link TcpProxy} in front of it: what a scenario
 * that needs its own server settings (`HEARTBEAT_MS`, `JOB_FAILURE_RATE`, …) starts, and the demo.
 *
 * @param options - server options
 * @returns the running stack
 */
export async function startStack(options: ApiServerOptions = {}): Promise<Stack> {
  const api = await startApiServer(options);
  try {
    const proxy = await TcpProxy.start({ targetPort: api.port });
    return {
      api,
      proxy,
      url: proxy.url,
      close: async () => {
        await proxy.close();
        await api.stop();
      },
    };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/**
 * The URL of the server the Jest global setup started, reached directly: what a scenario uses
 * to ask the server itself while the client under test is cut off.
 *
 * @returns e.g. `http://127.0.0.1:40123`
 * @throws Error when no global server is running
 */
export function globalApiUrl(): string {
  const url = process.env['E2E_API_URL'];
  if (url === undefined || url === '') throw new Error('E2E_API_URL is not set: the Jest global setup did not run.');
  return url;
}

/**
 * A {@link TcpProxy} in front of the server the Jest global setup started.
 *
 * @returns a fresh proxy; close it when the scenario ends
 * @throws Error when no global server is running
 */
export async function proxyToGlobalApi(): Promise<TcpProxy> {
  return TcpProxy.start({ targetPort: Number(new URL(globalApiUrl()).port) });
}

/**
 * Puts a proxy in front of the global server for the enclosing `describe` and closes it after:
 * a fresh one for each test (`beforeEach`/`afterEach`, so that every test starts from zeroed
 * counters and no refusal or stall carries over), or one for all its tests.
 *
 * @param scope - `each` test gets its own proxy, or `all` share one @default 'each'
 * @returns a getter for the current proxy
 * @example
 * const proxy = useProxyToGlobalApi();
 * it('…', async () => { const client = new HeyGenAPI({ url: proxy().url }); … });
 */
export function useProxyToGlobalApi(scope: 'each' | 'all' = 'each'): () => TcpProxy {
  let proxy: TcpProxy | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    proxy = await proxyToGlobalApi();
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  return () => {
    if (proxy === undefined) throw new Error('No proxy outside a test.');
    return proxy;
  };
}
