import { globalApi } from './global-setup.js';

/** Jest global teardown of the end-to-end suite: stops the server the global setup started. */
export default async function globalTeardown(): Promise<void> {
  await globalApi()?.stop();
}
