import { CALLER_KEY_PATTERN, MAX_WAIT_MS } from '@heygen-mock/contracts';
import { systemClock, type Clock } from './clock.js';
import type { Logger } from './logger.js';
import { HeyGenStatusListenerMode } from './mode.js';
import type { EventSourceConstructor } from './sse/event-source-stream.js';

/** Options of {@link HeyGenAPI}. Only `url` is required. */
export interface HeyGenAPIOptions {
  /** Base URL of the API, e.g. `http://localhost:3000`. */
  url: string;
  /** Transport selection. @default HeyGenStatusListenerMode.AUTO */
  mode?: HeyGenStatusListenerMode;
  /**
   * The caller key (16–128 of `A-Z a-z 0-9 . _ ~ -`). Pass the key of an earlier run to keep
   * watching its jobs. @default crypto.randomUUID()
   */
  apiKey?: string;
  /** Log to `console` when no `logger` is given. @default false */
  logging?: boolean;
  /** Receives diagnostics. @default console when `logging`, otherwise silent */
  logger?: Logger;
  /** Move to polling when the stream fails, and back when it works again. @default true */
  fallback?: boolean;
  /**
   * First polling delay when the server gives no hint, ms; doubles up to `pollMaxInterval`. At
   * least 10. @default 1000
   */
  pollInterval?: number;
  /** Cap of the polling and error backoff, ms. At least 10. @default 30000 */
  pollMaxInterval?: number;
  /**
   * How long the server may hold a long-poll, ms. At least 100; a value above the contract's
   * cap (`waitMs` up to 30000) is lowered to it. A server configured with a lower
   * `LONG_POLL_MAX_MS` answers a larger value with 400. @default 25000
   */
  longPollWaitMs?: number;
  /** A stream that sends no byte for this long is dead and gets reconnected, ms. @default 45000 */
  heartbeatTimeoutMs?: number;
  /**
   * First stream reconnect delay, ms; doubles up to `reconnectMaxMs`, with jitter. The first
   * reconnect after losing an open stream waits at most a fifth of it instead. @default 250
   */
  reconnectMinMs?: number;
  /** Cap of the stream reconnect delay, ms. @default 10000 */
  reconnectMaxMs?: number;
  /** First background stream probe after a fallback, ms. @default 2000 */
  probeMinMs?: number;
  /** Cap of the probe delay, ms. @default 30000 */
  probeMaxMs?: number;
  /** Time allowed for one request (plus the hold time of a long-poll), ms. @default 30000 */
  requestTimeoutMs?: number;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * An `EventSource` class whose constructor accepts `{ fetch }` (the `eventsource` package v4)
   * to use instead of fetch streaming. A global non-native `EventSource` is picked up too.
   */
  EventSource?: EventSourceConstructor;
  /** Time source. @default the platform timers */
  clock?: Clock;
}

/** Options after defaults, as the client uses them. @internal */
export type ResolvedOptions = Required<Omit<HeyGenAPIOptions, 'EventSource' | 'logger'>> &
  Pick<HeyGenAPIOptions, 'EventSource' | 'logger'>;

type Defaulted =
  | 'mode'
  | 'logging'
  | 'fallback'
  | 'pollInterval'
  | 'pollMaxInterval'
  | 'longPollWaitMs'
  | 'heartbeatTimeoutMs'
  | 'reconnectMinMs'
  | 'reconnectMaxMs'
  | 'probeMinMs'
  | 'probeMaxMs'
  | 'requestTimeoutMs'
  | 'fetch'
  | 'clock';

/** Every default in one place; their types also drive the validation below. @internal */
export const DEFAULTS: Required<Pick<HeyGenAPIOptions, Defaulted>> = {
  mode: HeyGenStatusListenerMode.AUTO,
  logging: false,
  fallback: true,
  pollInterval: 1000,
  pollMaxInterval: 30_000,
  longPollWaitMs: 25_000,
  heartbeatTimeoutMs: 45_000,
  reconnectMinMs: 250,
  reconnectMaxMs: 10_000,
  probeMinMs: 2000,
  probeMaxMs: 30_000,
  requestTimeoutMs: 30_000,
  // Late-bound and called unbound: browsers reject `fetch` called with another `this`.
  fetch: (input, init) => fetch(input, init),
  clock: systemClock,
};

/**
 * Smallest values of the options that pace requests: below them a client sends its requests
 * back to back.
 */
const MINIMUMS: Partial<Record<string, number>> = { pollInterval: 10, pollMaxInterval: 10, longPollWaitMs: 100 };

/**
 * Throws a `TypeError` naming the option unless `ok`.
 *
 * @internal
 */
export function expect(ok: unknown, name: string, what: string): void {
  if (!ok) throw new TypeError(`Expected \`${name}\` to be ${what}.`);
}

/**
 * Applies defaults and rejects invalid options up front, so a mistake surfaces at construction
 * and not in a timer later.
 *
 * @throws TypeError whose message names the offending option
 * @internal
 */
export function resolveOptions(options: HeyGenAPIOptions): ResolvedOptions {
  const o = { ...DEFAULTS } as typeof DEFAULTS & HeyGenAPIOptions;
  for (const [name, value] of Object.entries(options)) {
    // An explicit `undefined` means the default, as if the key were absent.
    if (value === undefined) continue;
    const type = typeof DEFAULTS[name as Defaulted];
    const number = type == 'number';
    const min = MINIMUMS[name];
    expect(
      type == 'undefined' || (type == typeof value && (!number || (value >= (min ?? 0) && value < Infinity))),
      name,
      number ? `a number of at least ${min ?? 0}` : `a ${type}`,
    );
    (o as unknown as Record<string, unknown>)[name] = value;
  }
  expect(/^https?:\/\/./.test(o.url), 'url', 'an http(s) URL');
  const apiKey = o.apiKey ?? crypto.randomUUID();
  expect(CALLER_KEY_PATTERN.test(apiKey), 'apiKey', '16-128 of A-Z a-z 0-9 . _ ~ -');
  return {
    ...o,
    url: o.url.replace(/\/+$/, ''),
    apiKey,
    // More would be refused with 400, failing every job watched by long-polling.
    longPollWaitMs: Math.min(o.longPollWaitMs, MAX_WAIT_MS),
    logger: o.logger ?? (o.logging ? console : undefined),
  };
}
