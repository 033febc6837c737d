import type { FinalStateTally } from '../report/abuse-types.js';

/** A request from a scenario to the SSE load process. */
export type LoadCommand =
  | {
      readonly cmd: 'open';
      readonly url: string;
      readonly count: number;
      /** One key for every connection (fan-out), or `null` for a distinct caller each. */
      readonly sharedKey: string | null;
      readonly concurrency: number;
      readonly timeoutMs: number;
      /**
       * Keep a ledger of every event and resume with `Last-Event-ID` when the server ends the
       * stream, as a browser's `EventSource` would. @default false
       */
      readonly resume?: boolean;
    }
  | { readonly cmd: 'mark' }
  | { readonly cmd: 'events'; readonly perConnection: number; readonly timeoutMs: number }
  | {
      readonly cmd: 'tally';
      /** The jobs whose final state each stream of a caller should have delivered, by caller key. */
      readonly expected: Readonly<Record<string, readonly string[]>>;
    }
  | { readonly cmd: 'heartbeats'; readonly timeoutMs: number }
  | { readonly cmd: 'completions'; readonly perConnection: number; readonly timeoutMs: number }
  | { readonly cmd: 'close' };

/** Answer to `open`. */
export interface OpenResult {
  readonly opened: number;
  readonly failed: number;
  readonly openMs: number;
  /** First failure reasons, for the report. */
  readonly errors: readonly string[];
}

/** Answer to `heartbeats`: connections that received a heartbeat since the last mark. */
export interface HeartbeatResult {
  readonly alive: number;
}

/** Answer to `mark`. */
export interface MarkResult {
  /** CPU time the load process has used so far, ms. */
  readonly cpuMs: number;
}

/** Answer to `completions`: completion events received since the last mark. */
export interface CompletionResult {
  readonly delivered: number;
  /** Arrival of the last one, epoch ms. */
  readonly lastAt: number;
  /** CPU time the load process has used so far, ms. */
  readonly cpuMs: number;
}

/** Answer to `events`: events received since the last mark. */
export interface EventsResult {
  readonly received: number;
  /** Arrival of the last one, epoch ms. */
  readonly lastAt: number;
}

/** Answer to `tally`, over every stream opened with `resume`. */
export type TallyResult = FinalStateTally;

/** A message of the IPC channel: a numbered command, or the answer to one. */
export type LoadRequest = { readonly id: number } & LoadCommand;

/** An answer: `result` or `error`, for the command with the same `id`. */
export interface LoadReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}
