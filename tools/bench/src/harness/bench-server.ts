import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer, type ApiServer } from '@heygen-mock/testing';
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
}

/** Server settings a bench uses unless it says otherwise. */
export const BENCH_SERVER_ENV: Readonly<Record<string, string>> = {
  // Progress events would be extra traffic that no latency question here is about.
  PROGRESS_INTERVAL_MS: '0',
  // The listening line is written whatever the level; request-time logging would only add work.
  LOG_LEVEL: 'warn',
};

/** Options of {@link startBenchServer}. */
export interface StartOptions {
  /** Settings on top of {@link BENCH_SERVER_ENV}. */
  readonly env?: Readonly<Record<string, string>>;
  /** Allow {@link BenchServer.collectGarbage} (a preload and `--expose-gc`). @default false */
  readonly exposeGc?: boolean;
}

/**
 * Starts `apps/api/dist/main.js` through the workspace's launcher (`@heygen-mock/testing`: its
 * own process group on a free port of 127.0.0.1, stopped with this process) with the bench's
 * settings, and adds what the scenarios measure: memory, CPU time, forced collections.
 *
 * @param options - settings, and whether garbage collection may be triggered
 * @returns the running server
 * @throws Error when the server is not built, exits, or is not ready in time
 */
export async function startBenchServer(options: StartOptions = {}): Promise<BenchServer> {
  const { env = {}, exposeGc = false } = options;
  let gcDone: ((usage: NodeJS.MemoryUsage) => void) | undefined;
  const server = await startApiServer({
    env: { ...BENCH_SERVER_ENV, ...env },
    nodeArgs: exposeGc ? ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.cjs')] : [],
    onLine: (line) => {
      if (line.startsWith('{"benchGc":')) gcDone?.((JSON.parse(line) as { benchGc: NodeJS.MemoryUsage }).benchGc);
    },
  });
  return Object.assign(server, {
    rssBytes: () => parseVmRss(readFileSync(`/proc/${server.pid}/status`, 'utf8')),
    cpuMs: () => parseCpuMs(readFileSync(`/proc/${server.pid}/stat`, 'utf8')),
    collectGarbage: async (): Promise<NodeJS.MemoryUsage> => {
      if (!exposeGc) throw new Error('The server was started without `exposeGc`.');
      return new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The server did not report a garbage collection.')), 5000);
        gcDone = (usage) => {
          clearTimeout(timer);
          resolve(usage);
        };
        process.kill(server.pid, 'SIGUSR2');
      });
    },
  });
}
