import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_MAIN, WORKSPACE_ROOT } from '../paths.js';
import { onProcessEnd } from '../process/exit-guard.js';
import { hasEnded, signalProcessGroup, stopProcessGroup } from '../process/process-group.js';
import { readLines } from '../process/read-lines.js';
import { waitFor } from '../wait/wait-for.js';
import { parseListeningPort } from './listening-line.js';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /**
   * Server settings (`JOB_TIME`, `HEARTBEAT_MS`, `LOG_LEVEL`, …) on top of this process's
   * environment. `HOST` is always `127.0.0.1` and `PORT` is {@link ApiServerOptions.port}.
   * Unless `SQLITE_PATH` or `JOB_STORE=memory` is given, the server keeps its jobs in a SQLite
   * file of its own in a temporary folder: kept across {@link ApiServer.restart}, deleted by
   * {@link ApiServer.stop}.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Port to listen on; `0` picks a free one, which the server keeps across restarts. @default 0 */
  readonly port?: number;
  /** Extra Node.js arguments before the entry, e.g. `['--expose-gc']`. @default [] */
  readonly nodeArgs?: readonly string[];
  /**
   * The script to run instead of the built API, e.g. a reference server that a benchmark
   * compares the API with. It must write the API's listening line (see
   * {@link parseListeningPort}) and answer `GET /health` with 200.
   * @default API_MAIN
   */
  readonly entry?: string;
  /** Bound on waiting for the listening line and a healthy `GET /health`, ms. @default 20000 */
  readonly readyTimeoutMs?: number;
  /** Called with every line the server writes, stdout and stderr. */
  readonly onLine?: (line: string) => void;
  /** Echo the server's lines on this process's stderr. @default false */
  readonly echoLogs?: boolean;
}

/** A running API process (or one that was killed and may be restarted). */
export interface ApiServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`; the same after a restart. */
  readonly url: string;
  /** The port it listens on; the same after a restart. */
  readonly port: number;
  /** The current process's pid (a restart starts a new process). */
  readonly pid: number;
  /** The settings it was started with, and is restarted with. */
  readonly env: Readonly<Record<string, string>>;
  /** The last lines it wrote, for diagnostics. */
  readonly logs: readonly string[];
  /** Whether the process is alive. */
  readonly running: boolean;
  /**
   * Stops the whole process group: SIGTERM (graceful shutdown), then SIGKILL if it lingers; then
   * deletes the SQLite file that was made for it, if any.
   */
  stop(): Promise<void>;
  /**
   * Signals the whole process group and waits until the server has ended: a crash, as far as
   * clients can tell, when the signal is SIGKILL.
   *
   * @param signal - @default 'SIGKILL'
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again, with the same settings and on the same port, stopping it first if it runs. */
  restart(): Promise<void>;
}

const KEPT_LOG_LINES = 200;
const LIFELINE = path.join(__dirname, 'lifeline.cjs');

/**
 * Starts the built API (`apps/api/dist/main.js`, or `options.entry`) as a child process on 127.0.0.1 and resolves
 * once it has logged its listening line and answers `GET /health`. The child leads its own
 * process group, is stopped with it, is killed when this process ends (see
 * {@link onProcessEnd}), and stops by itself if this process dies abruptly: it is started
 * with `lifeline.cjs`, which ends it when its stdin (held by this process) closes. Call it
 * several times for several instances.
 *
 * @param options - server settings, port and timeouts
 * @returns the running server
 * @throws Error when the build is missing or the server is not ready in time (it is killed then)
 * @example
 * const api = await startApiServer({ env: { JOB_TIME: '500' } });
 * await api.kill('SIGKILL');
 * await api.restart(); // same settings, same URL
 * await api.stop();
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const entry = options.entry ?? API_MAIN;
  if (!existsSync(entry)) throw new Error(entry === API_MAIN ? `${API_MAIN} is missing: run \`npx nx run api:build\` first.` : `${entry} is missing.`);
  const server = new ApiProcess(options);
  try {
    await server.launch();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

class ApiProcess implements ApiServer {
  readonly env: Readonly<Record<string, string>>;
  readonly logs: string[] = [];
  private child: ChildProcess | undefined;
  private boundPort: number;
  /** The temporary folder of the SQLite file made for this server, if one was. */
  private readonly ownFolder: string | undefined;

  constructor(private readonly options: ApiServerOptions) {
    const env = { ...options.env };
    if (env.SQLITE_PATH === undefined && env.JOB_STORE !== 'memory') {
      this.ownFolder = mkdtempSync(path.join(tmpdir(), 'heygen-api-'));
      env.SQLITE_PATH = path.join(this.ownFolder, 'jobs.sqlite');
    }
    this.env = env;
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get running(): boolean {
    return this.child !== undefined && !hasEnded(this.child);
  }

  async stop(): Promise<void> {
    await this.halt();
    if (this.ownFolder !== undefined) rmSync(this.ownFolder, { recursive: true, force: true });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child === undefined) return;
    await stopProcessGroup(this.child, signal);
    this.child.stdin?.destroy();
  }

  async restart(): Promise<void> {
    await this.halt();
    await this.launch();
  }

  /** Stops the process group gracefully, keeping the SQLite file for a restart. */
  private async halt(): Promise<void> {
    if (this.child === undefined) return;
    await stopProcessGroup(this.child);
    this.child.stdin?.destroy();
  }

  /** Spawns the process and waits until it is ready; kills it when it is not. */
  async launch(): Promise<void> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 20_000;
    const deadline = Date.now() + readyTimeoutMs;
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), '--require', LIFELINE, this.options.entry ?? API_MAIN], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, LOG_LEVEL: 'log', ...this.env, HOST: '127.0.0.1', PORT: String(this.boundPort) },
      // stdin stays open: the lifeline ends the server when it closes.
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const forget = onProcessEnd(() => {
      if (child.pid !== undefined) signalProcessGroup(child.pid, 'SIGKILL');
    });
    child.once('exit', forget);
    const listening = new Promise<number>((resolve, reject) => {
      const onLine = (line: string): void => {
        this.keep(line, child.pid);
        const port = parseListeningPort(line);
        if (port !== null) resolve(port);
      };
      readLines(child.stdout, onLine);
      readLines(child.stderr, onLine);
      child.once('exit', (code, signal) =>
        reject(new Error(`The API exited before it was ready (code ${code}, signal ${signal}):\n${this.logs.join('\n')}`)),
      );
      child.once('error', reject);
    });
    try {
      this.boundPort = await beforeDeadline(listening, deadline, () => `The API logged no listening line within ${readyTimeoutMs} ms:\n${this.logs.join('\n')}`);
      await waitFor(() => this.healthy(), { what: `GET ${this.url}/health to answer 200`, timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 50 });
    } catch (error) {
      await stopProcessGroup(child, 'SIGKILL');
      child.stdin?.destroy();
      throw error;
    }
  }

  private async healthy(): Promise<boolean> {
    const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  }

  private keep(line: string, pid: number | undefined): void {
    this.logs.push(line);
    if (this.logs.length > KEPT_LOG_LINES) this.logs.shift();
    if (this.options.echoLogs === true) process.stderr.write(`[api ${pid}] ${line}\n`);
    this.options.onLine?.(line);
  }
}

/** Settles like `promise`, or rejects with `message()` once `deadline` (epoch ms) has passed. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), Math.max(0, deadline - Date.now()));
  });
  // Once the deadline won, a later exit must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
