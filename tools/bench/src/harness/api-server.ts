import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { API_MAIN, WORKSPACE_ROOT } from '../paths.js';
import { onProcessEnd } from './cleanup.js';
import { sleep } from './clock.js';
import { findListenUrl, parseCpuMs, parseVmRss } from './server-output.js';

/** A server process started for one scenario or case. */
export interface ApiServer {
  readonly url: string;
  readonly pid: number;
  /** The process's resident set size now, bytes. */
  rssBytes(): number;
  /** CPU time the process has used so far (user + system), ms. */
  cpuMs(): number;
  /**
   * Runs a full garbage collection in the server and waits for it to finish.
   *
   * @returns the server's `process.memoryUsage()` right after it
   * @throws Error unless the server was started with `exposeGc`
   */
  collectGarbage(): Promise<NodeJS.MemoryUsage>;
  /** Stops the process (SIGTERM, then SIGKILL after a few seconds). */
  stop(): Promise<void>;
}

/** Server settings a bench uses unless it says otherwise. */
export const BENCH_SERVER_ENV: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '0',
  // Progress events would be extra traffic that no latency question here is about.
  PROGRESS_INTERVAL_MS: '0',
  // The address line is written whatever the level; request-time logging would only add work.
  LOG_LEVEL: 'warn',
};

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not accepting connections yet.
    }
    await sleep(50);
  }
  throw new Error(`The server at ${url} did not answer GET /health in time.`);
}

/** Options of {@link startApiServer}. */
export interface StartOptions {
  /** Settings on top of {@link BENCH_SERVER_ENV}. */
  readonly env?: Readonly<Record<string, string>>;
  /** Allow {@link ApiServer.collectGarbage} (a preload and `--expose-gc`). @default false */
  readonly exposeGc?: boolean;
  /** The longest wait for readiness, ms. @default 20000 */
  readonly startTimeoutMs?: number;
}

/**
 * Starts `apps/api/dist/main.js` in its own process on a free port of 127.0.0.1, waits until it
 * logs its address and answers `GET /health`, and returns a handle to it.
 *
 * @param options - settings, and whether garbage collection may be triggered
 * @returns the running server
 * @throws Error when the server is not built, exits, or is not ready in time
 */
export async function startApiServer(options: StartOptions = {}): Promise<ApiServer> {
  const { env = {}, exposeGc = false, startTimeoutMs = 20_000 } = options;
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npx nx run api:build\` first.`);
  const nodeArgs = exposeGc ? ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.cjs')] : [];
  const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...BENCH_SERVER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const unregister = onProcessEnd(() => child.kill('SIGKILL'));
  child.once('exit', () => unregister());
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000)));
  const deadline = Date.now() + startTimeoutMs;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let lastLines = '';

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The server logged no address within ${startTimeoutMs} ms.`)), startTimeoutMs);
    const onExit = (code: number | null): void => fail(new Error(`The server exited (code ${code}) before it was ready.`));
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${lastLines}${stderrTail}`.trim()));
    };
    child.once('exit', onExit);
    child.once('error', (error) => fail(error));
    lines.on('line', (line) => {
      lastLines = `${lastLines}${line}\n`.slice(-4000);
      const found = findListenUrl(line);
      if (found === null) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(found);
    });
  });
  // Keep draining the output so that a chatty server never blocks on a full pipe.
  lines.removeAllListeners('line');
  let gcDone: ((usage: NodeJS.MemoryUsage) => void) | undefined;
  lines.on('line', (line) => {
    if (line.startsWith('{"benchGc":')) gcDone?.((JSON.parse(line) as { benchGc: NodeJS.MemoryUsage }).benchGc);
  });

  try {
    await waitHealthy(url, deadline);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    rssBytes: () => parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8')),
    cpuMs: () => parseCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    collectGarbage: async () => {
      if (!exposeGc) throw new Error('The server was started without `exposeGc`.');
      return new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The server did not report a garbage collection.')), 5000);
        gcDone = (usage) => {
          clearTimeout(timer);
          resolve(usage);
        };
        child.kill('SIGUSR2');
      });
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
    },
  };
}
