/**
 * Server entry point: reads the configuration from the environment, listens, and shuts down
 * cleanly on SIGINT and SIGTERM. A bad configuration stops the process with a message that
 * names the variable.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createLogger } from './common/logging/logger.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import { createApp } from './create-app.js';

try {
  const config = loadConfig(process.env);
  const app = await createApp({ config });
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.listen(config.port, config.host);
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  // Written whatever LOG_LEVEL says: with PORT=0 this line is the only way to learn the port.
  createLogger('log').info({ context: 'Main', url: `http://${host}:${port}`, port }, 'listening');
} catch (error) {
  const message = error instanceof ConfigError ? error.message : `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  // Stderr is synchronous for files and pipes on POSIX, so the message is out before the exit.
  createLogger('log', process.stderr).error({ context: 'Main' }, message);
  process.exit(1);
}
