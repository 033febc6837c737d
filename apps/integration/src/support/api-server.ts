import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { API_MAIN } from './paths.js';
import { killOnExit } from './exit-guard.js';
import { findListeningPort } from './listening-port.js';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** Extra environment for the server (`JOB_TIME`, `HEARTBEAT_MS`, …); `PORT` is always `0`. */
  env?: Readonly<Record<string, string>>;
  /** How long to wait for the port in the log and a healthy `/health`. @default 20000 */
  readyTimeoutMs?: number;
  /** Echo the server's log lines to this process's stderr. @default false */
  echoLogs?: boolean;
}

/** A running API process. */
export interface ApiServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The last lines the server logged, for diagnostics. */
  readonly logs: readonly string[];
  /** Stops the server's whole process group: SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

const KEPT_LOG_LINES = 200;
const GRACE_MS = 5000;

/**
 * Starts the built API (`apps/api/dist/main.js`) as a child process on a free port and
 * resolves once `/health` answers. The child gets its own process group, is killed with it,
 * is killed when this process exits, and stops by itself if this process dies abruptly (its
 * stdin ends, see `lifeline.cjs`).
 *
 * @param options - server environment and timeouts
 * @returns the running server
 * @throws Error when the build is missing or the server is not ready in time
 * @example
 * const api = await startApiServer({ env: { JOB_TIME: '500' } });
 * await api.stop();
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: run \`nx run api:build\` first.`);
  }
  const child = spawn(process.execPath, ['--require', path.join(__dirname, 'lifeline.cjs'), API_MAIN], {
    env: { ...process.env, LOG_LEVEL: 'log', ...options.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const forget = killOnExit(child);
  const logs: string[] = [];
  const port = new Promise<number>((resolve, reject) => {
    const onLine = (line: string): void => {
      logs.push(line);
      if (logs.length > KEPT_LOG_LINES) logs.shift();
      if (options.echoLogs === true) process.stderr.write(`[api ${child.pid}] ${line}\n`);
      const found = findListeningPort(line);
      if (found !== null) resolve(found);
    };
    readLines(child, 'stdout', onLine);
    readLines(child, 'stderr', onLine);
    child.once('exit', (code, signal) =>
      reject(new Error(`The API exited before it was ready (code ${code}, signal ${signal}):\n${logs.join('\n')}`)),
    );
    child.once('error', reject);
  });
  // Settled by the race below or never looked at again once stopped; never an unhandled rejection.
  port.catch(() => undefined);
  const stop = (): Promise<void> => stopProcessGroup(child).finally(forget);
  try {
    const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
    const deadline = Date.now() + readyTimeoutMs;
    const bound = await withDeadline(port, deadline, () => `The API logged no listening port within ${readyTimeoutMs} ms:\n${logs.join('\n')}`);
    const url = `http://127.0.0.1:${bound}`;
    await waitForHealth(url, deadline);
    return { url, port: bound, pid: child.pid ?? -1, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readLines(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void): void {
  let rest = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (text: string) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line);
  });
}

async function withDeadline<T>(promise: Promise<T>, deadline: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness is a healthy answer, polled; the log line only says where to ask. */
async function waitForHealth(url: string, deadline: number): Promise<void> {
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = new Error(`GET /health answered ${response.status}`);
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The API at ${url} was not healthy in time.`, { cause: last });
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), GRACE_MS);
  await exited;
  clearTimeout(timer);
  child.stdin?.destroy();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid addresses the process group the detached child leads.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
