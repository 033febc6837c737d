import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { onProcessEnd } from '@heygen-mock/testing';
import type {
  CompletionResult,
  EventsResult,
  HeartbeatResult,
  LoadCommand,
  LoadReply,
  MarkResult,
  OpenResult,
  TallyResult,
} from '../load/sse-load-protocol.js';

/** The scenario's handle on the SSE load process. */
export interface SseLoad {
  /** Opens connections; with `resume`, each keeps a ledger and resumes when the server ends it. */
  open(url: string, count: number, sharedKey: string | null, timeoutMs?: number, resume?: boolean): Promise<OpenResult>;
  mark(): Promise<MarkResult>;
  heartbeats(timeoutMs: number): Promise<HeartbeatResult>;
  completions(perConnection: number, timeoutMs: number): Promise<CompletionResult>;
  events(perConnection: number, timeoutMs: number): Promise<EventsResult>;
  tally(expected: Readonly<Record<string, readonly string[]>>): Promise<TallyResult>;
  close(): Promise<void>;
  /** Ends the load process. */
  stop(): Promise<void>;
}

/**
 * Forks the SSE load process (its own process, so that its CPU and memory are not the
 * server's or the scenario's) and returns a handle that sends it commands.
 *
 * @returns the handle
 */
export function startSseLoad(): SseLoad {
  const child: ChildProcess = fork(join(__dirname, '../load/sse-load-main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const unregister = onProcessEnd(() => child.kill('SIGKILL'));
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  child.on('message', (reply: LoadReply) => {
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error !== undefined) entry?.reject(new Error(`SSE load process: ${reply.error}`));
    else entry?.resolve(reply.result);
  });
  child.once('exit', (code) => {
    unregister();
    for (const entry of waiting.values()) entry.reject(new Error(`SSE load process exited (code ${code})`));
    waiting.clear();
  });
  const send = <T>(command: LoadCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...command });
    });

  return {
    open: (url, count, sharedKey, timeoutMs = 10_000, resume = false) =>
      send<OpenResult>({ cmd: 'open', url, count, sharedKey, concurrency: 64, timeoutMs, resume }),
    mark: () => send<MarkResult>({ cmd: 'mark' }),
    heartbeats: (timeoutMs) => send<HeartbeatResult>({ cmd: 'heartbeats', timeoutMs }),
    completions: (perConnection, timeoutMs) => send<CompletionResult>({ cmd: 'completions', perConnection, timeoutMs }),
    events: (perConnection, timeoutMs) => send<EventsResult>({ cmd: 'events', perConnection, timeoutMs }),
    tally: (expected) => send<TallyResult>({ cmd: 'tally', expected }),
    close: () => send<void>({ cmd: 'close' }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
