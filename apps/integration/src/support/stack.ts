import { startApiServer, type ApiServer, type ApiServerOptions } from './api-server.js';
import { TcpProxy } from './tcp-proxy.js';

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
 * that needs its own server settings (`HEARTBEAT_MS`, `JOB_FAILURE_RATE`, …) starts.
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
 * A {@link TcpProxy} in front of the server the Jest global setup started (`E2E_API_PORT`).
 *
 * @returns a fresh proxy; close it in `afterAll`
 * @throws Error when no global server is running
 */
export async function proxyToGlobalApi(): Promise<TcpProxy> {
  const port = Number(process.env['E2E_API_PORT']);
  if (!Number.isInteger(port) || port <= 0) throw new Error('E2E_API_PORT is not set: the Jest global setup did not run.');
  return TcpProxy.start({ targetPort: port });
}
