import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type ApiServer } from '@heygen-mock/testing';
import type { LoopDelay } from '../report/abuse-types.js';
import { groupHeap, type HeapGroup, type HeapSnapshot } from '../stats/heap-breakdown.js';
import { parseCpuMs, parseVmRss } from './proc-files.js';

/** A server process started for one scenario or case, with what the bench reads from it. */
export interface BenchServer extends ApiServer {
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
  /**
   * Reads the server's event-loop delay since the previous call (or since it started) and
   * starts a new window.
   *
   * @returns the delays of the window that ends now
   * @throws Error unless the server was started with `loopDelay`
   */
  loopDelay(): Promise<LoopDelay>;
  /**
   * Writes a heap snapshot in the server (V8 collects garbage first), reads it and deletes it.
   *
   * @returns the live heap's own sizes by kind of object
   * @throws Error unless the server was started with `heapSnapshots`
   */
  heapGroups(): Promise<Map<string, HeapGroup>>;
}

/** Server settings a bench uses unless it says otherwise. */
export const BENCH_SERVER_ENV: Readonly<Record<string, string>> = {
  // Progress events would be extra traffic that no latency question here is about.
  PROGRESS_INTERVAL_MS: '0',
  // The listening line is written whatever the level; request-time logging would only add work.
  LOG_LEVEL: 'warn',
  // The bench is about transports and limits, not persistence: jobs stay in the process.
  JOB_STORE: 'memory',
};

/** Options of {@link startBenchServer}. */
export interface StartOptions {
  /** Settings on top of {@link BENCH_SERVER_ENV}. */
  readonly env?: Readonly<Record<string, string>>;
  /** Allow {@link BenchServer.collectGarbage} (a preload and `--expose-gc`). @default false */
  readonly exposeGc?: boolean;
  /** Allow {@link BenchServer.loopDelay} (a preload that measures the event loop). @default false */
  readonly loopDelay?: boolean;
  /** Allow {@link BenchServer.heapGroups} (a preload that writes heap snapshots). @default false */
  readonly heapSnapshots?: boolean;
  /** Another server script in place of the built API (see `harness/reference-server.ts`). @default the API */
  readonly entry?: string;
  /** Node.js arguments before the preloads, e.g. `['--import', 'tsx']`. @default [] */
  readonly nodeArgs?: readonly string[];
}

/** Waits for the JSON line `{"<key>": …}` that a preload writes when signalled. */
class SignalReplies {
  private readonly waiting = new Map<string, (value: unknown) => void>();

  /** Hands a server line to whoever waits for its key. */
  onLine(line: string): void {
    for (const [key, resolve] of this.waiting) {
      if (!line.startsWith(`{"${key}":`)) continue;
      this.waiting.delete(key);
      resolve((JSON.parse(line) as Record<string, unknown>)[key]);
      return;
    }
  }

  /** Signals the server and waits for the reply under `key`. */
  ask<T>(pid: number, signal: NodeJS.Signals, key: string, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`The server did not answer ${signal} with \`${key}\` within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.waiting.set(key, (value) => {
        clearTimeout(timer);
        resolve(value as T);
      });
      process.kill(pid, signal);
    });
  }
}

/**
 * Starts `apps/api/dist/main.js` (or `entry`) through the workspace's launcher
 * (`@heygen-mock/testing`: its own process group on a free port of 127.0.0.1, stopped with this
 * process) with the bench's settings, and adds what the scenarios measure: memory, CPU time,
 * forced collections, event-loop delay.
 *
 * @param options - settings, and what may be asked of the server
 * @returns the running server
 * @throws Error when the server is not built, exits, or is not ready in time
 */
export async function startBenchServer(options: StartOptions = {}): Promise<BenchServer> {
  const { env = {}, exposeGc = false, loopDelay = false, heapSnapshots = false, entry, nodeArgs = [] } = options;
  const replies = new SignalReplies();
  const snapshotDir = heapSnapshots ? mkdtempSync(join(tmpdir(), 'bench-heap-')) : undefined;
  const server = await startApiServer({
    env: { ...BENCH_SERVER_ENV, ...env, ...(snapshotDir === undefined ? {} : { BENCH_HEAP_SNAPSHOT_DIR: snapshotDir }) },
    nodeArgs: [
      ...nodeArgs,
      ...(exposeGc ? ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.cjs')] : []),
      ...(loopDelay ? ['--require', join(__dirname, 'loop-delay-on-signal.cjs')] : []),
      ...(heapSnapshots ? ['--require', join(__dirname, 'heap-snapshot-on-signal.cjs')] : []),
    ],
    ...(entry === undefined ? {} : { entry }),
    onLine: (line) => replies.onLine(line),
  }).catch((error: unknown) => {
    if (snapshotDir !== undefined) rmSync(snapshotDir, { recursive: true, force: true });
    throw error;
  });
  if (snapshotDir !== undefined) {
    const stop = server.stop.bind(server);
    server.stop = async () => {
      try {
        await stop();
      } finally {
        rmSync(snapshotDir, { recursive: true, force: true });
      }
    };
  }
  return Object.assign(server, {
    rssBytes: () => parseVmRss(readFileSync(`/proc/${server.pid}/status`, 'utf8')),
    cpuMs: () => parseCpuMs(readFileSync(`/proc/${server.pid}/stat`, 'utf8')),
    collectGarbage: async (): Promise<NodeJS.MemoryUsage> => {
      if (!exposeGc) throw new Error('The server was started without `exposeGc`.');
      return replies.ask<NodeJS.MemoryUsage>(server.pid, 'SIGUSR2', 'benchGc');
    },
    loopDelay: async (): Promise<LoopDelay> => {
      if (!loopDelay) throw new Error('The server was started without `loopDelay`.');
      return replies.ask<LoopDelay>(server.pid, 'SIGWINCH', 'benchLoopDelay');
    },
    heapGroups: async (): Promise<Map<string, HeapGroup>> => {
      if (!heapSnapshots) throw new Error('The server was started without `heapSnapshots`.');
      // A snapshot of a large heap takes seconds to write.
      const path = await replies.ask<string>(server.pid, 'SIGURG', 'benchHeapSnapshot', 120_000);
      try {
        return groupHeap(JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot);
      } finally {
        rmSync(path, { force: true });
      }
    },
  });
}
