import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../net/free-port.js';
import { onProcessEnd } from '../process/exit-guard.js';
import { hasEnded, signalProcessGroup, stopProcessGroup } from '../process/process-group.js';
import { readLines } from '../process/read-lines.js';
import { waitFor } from '../wait/wait-for.js';
import { redisCommand } from './redis-command.js';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * The `redis-server` executable: a path, or a name looked up in `PATH`.
   * @default process.env.REDIS_SERVER ?? 'redis-server'
   */
  readonly binary?: string;
  /**
   * Port to listen on. By default a free one is picked, and another one tried when a different
   * process takes it before Redis binds it; a port given here is tried once.
   */
  readonly port?: number;
  /** Bound on waiting for the server to answer `PING`, per attempt, ms. @default 10000 */
  readonly readyTimeoutMs?: number;
}

/** A running `redis-server`. */
export interface RedisServer {
  /** Its URL, e.g. `redis://127.0.0.1:40123`: what `REDIS_URL` is set to. */
  readonly url: string;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Its process id. */
  readonly pid: number;
  /** Stops it: SIGTERM, then SIGKILL if it lingers; then deletes its temporary folder. */
  stop(): Promise<void>;
}

/** How many free ports are tried when another process keeps taking the picked one. */
const PORT_ATTEMPTS = 5;
/** How long Redis may take to shut down after SIGTERM before it is killed. */
const STOP_GRACE_MS = 5000;
const KEPT_LOG_LINES = 100;

/**
 * Starts a real `redis-server` on 127.0.0.1, as the Redis job store's tests and the end-to-end
 * scenarios need one, and resolves once it answers `PING`. It keeps nothing on disk (no RDB
 * snapshots, no AOF) and runs in a temporary folder of its own. It is killed when this process
 * ends (see {@link onProcessEnd}); unlike the API it cannot watch its stdin, so a SIGKILL of
 * this process leaves it running.
 *
 * @param options - executable, port and time bound
 * @returns the running server
 * @throws Error saying how to install Redis when the executable is missing; Error with the
 *   server's output when it exits or does not answer in time (it is killed then)
 * @example
 * const redis = await startRedisServer();
 * const api = await startApiServer({ env: { JOB_STORE: 'redis', REDIS_URL: redis.url } });
 * await api.stop();
 * await redis.stop();
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const { binary = process.env.REDIS_SERVER ?? 'redis-server', port, readyTimeoutMs = 10_000 } = options;
  if (binary === '') throw new TypeError('Expected `binary` to be a path or a command name, got an empty string.');
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    throw new TypeError(`Expected \`port\` to be an integer from 1 to 65535, got ${port}.`);
  }
  if (!(readyTimeoutMs >= 0)) throw new TypeError(`Expected \`readyTimeoutMs\` to be a non-negative number, got ${readyTimeoutMs}.`);

  const dir = mkdtempSync(path.join(tmpdir(), 'heygen-redis-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const forgetDir = onProcessEnd(removeDir);
  try {
    for (let attempt = 1; ; attempt += 1) {
      const launched = await launch(binary, port ?? (await findFreePort()), dir, readyTimeoutMs);
      if ('child' in launched) {
        return running(launched.child, launched.port, () => {
          removeDir();
          forgetDir();
        });
      }
      if (!launched.portTaken || port !== undefined || attempt >= PORT_ATTEMPTS) throw launched.error;
    }
  } catch (error) {
    removeDir();
    forgetDir();
    throw error;
  }
}

type Launched = { readonly child: ChildProcess; readonly port: number } | { readonly error: Error; readonly portTaken: boolean };

/** Spawns Redis on `port` and waits until it answers `PING`; kills it when it does not. */
async function launch(binary: string, port: number, dir: string, readyTimeoutMs: number): Promise<Launched> {
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1'],
    // Bound to loopback only, so protected mode (which refuses non-loopback clients of a server
    // without a password) changes nothing and stays at its default.
    ...['--save', '', '--appendonly', 'no', '--dir', dir],
    ...['--daemonize', 'no', '--logfile', ''],
  ];
  // Its own process group, like the API's: stopped and killed as a group (see stopProcessGroup).
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logs: string[] = [];
  const keep = (line: string): void => {
    logs.push(line);
    if (logs.length > KEPT_LOG_LINES) logs.shift();
  };
  readLines(child.stdout, keep);
  readLines(child.stderr, keep);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    return { error: spawnError(binary, error as NodeJS.ErrnoException), portTaken: false };
  }
  // Errors after the spawn (a failed kill) must not become uncaught exceptions.
  child.on('error', () => undefined);
  const forget = onProcessEnd(() => {
    if (child.pid !== undefined && !hasEnded(child)) signalProcessGroup(child.pid, 'SIGKILL');
  });
  // 'close' rather than 'exit': by then its last lines (why it stopped) have been read.
  let closed = false;
  child.once('close', () => {
    closed = true;
    forget();
  });

  try {
    // Checking `closed` first ends the wait as soon as Redis gives up, e.g. on a port taken meanwhile.
    await waitFor(async () => closed || (await redisCommand(port, ['PING'], { timeoutMs: 1000 })) === 'PONG', {
      what: `redis-server on 127.0.0.1:${port} to answer PING`,
      timeoutMs: readyTimeoutMs,
    });
  } catch (error) {
    await stopProcessGroup(child, 'SIGKILL');
    return { error: new Error(`${(error as Error).message}\n${logs.join('\n')}`, { cause: error }), portTaken: false };
  }
  if (!closed) return { child, port };
  const { exitCode, signalCode } = child;
  return {
    error: new Error(`redis-server exited before it was ready (code ${exitCode}, signal ${signalCode}):\n${logs.join('\n')}`),
    portTaken: logs.some((line) => line.includes('Address already in use')),
  };
}

/** The server handle of a child that answers `PING`. */
function running(child: ChildProcess, port: number, cleanUp: () => void): RedisServer {
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    async stop() {
      await stopProcessGroup(child, 'SIGTERM', STOP_GRACE_MS);
      cleanUp();
    },
  };
}

/** The error to throw when the executable could not be started, with how to install it. */
function spawnError(binary: string, error: NodeJS.ErrnoException): Error {
  const how = 'Install it with `apt-get install -y redis-server` (Debian or Ubuntu, as root), or set REDIS_SERVER to the path of a redis-server executable.';
  if (error.code === 'ENOENT') return new Error(`redis-server is missing: "${binary}" was not found. ${how}`, { cause: error });
  return new Error(`Could not start "${binary}" (${error.code ?? error.message}). ${how}`, { cause: error });
}
