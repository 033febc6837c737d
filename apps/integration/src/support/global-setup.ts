import { startApiServer, type ApiServer } from '@heygen-mock/testing';

/** Where the global setup leaves the server for the global teardown (same process, same realm). */
export const GLOBAL_API_KEY = '__heygenMockE2eApi';

/**
 * Jest global setup of the end-to-end suite: starts the built API once, with `JOB_TIME` from
 * `E2E_JOB_TIME` (default 3000, the seed's), and publishes its URL as `E2E_API_URL` for the
 * scenarios, which put their own proxies in front of it.
 */
export default async function globalSetup(): Promise<void> {
  const api = await startApiServer({
    env: { JOB_TIME: process.env['E2E_JOB_TIME'] ?? '3000' },
    echoLogs: process.env['E2E_API_LOGS'] === '1',
  });
  (globalThis as Record<string, unknown>)[GLOBAL_API_KEY] = api;
  process.env['E2E_API_URL'] = api.url;
}

/**
 * The server the global setup started, if any.
 *
 * @returns the server, or undefined
 */
export function globalApi(): ApiServer | undefined {
  return (globalThis as Record<string, unknown>)[GLOBAL_API_KEY] as ApiServer | undefined;
}
