import { isRetryable } from './errors/is-retryable.js';
import type { HeyGenStatusListenerMode, Transport } from './mode.js';
import { expect } from './options.js';
import type { OpenStream } from './sse/open-stream.js';
import { createLongPollingTransport } from './transports/long-polling.js';
import { createPollingTransport } from './transports/polling.js';
import { createSseTransport, FALLBACK_AFTER, type SseTransport } from './transports/sse.js';
import type { JobTransport, TransportContext } from './transports/transport.js';

/** The active transport, as the client sees it. @internal */
export interface TransportManager extends JobTransport {
  /** Switches on demand; an explicit choice ends background probing. */
  change(mode: HeyGenStatusListenerMode): void;
}

/**
 * Owns the active transport and the switches between transports: {@link FALLBACK_AFTER} failed
 * stream attempts in a row (or a 4xx) move every watched job to polling, while the stream keeps
 * probing with its slower backoff in the background; the first probe that opens moves them
 * back. Every switch is announced through `announce`. Watched jobs live in the registry, so a
 * switch loses nothing: the new transport starts from their last known states.
 *
 * @param openStream - how to open the event stream; `undefined` when the platform cannot
 * @internal
 */
export function createTransportManager(
  ctx: TransportContext,
  openStream: OpenStream | undefined,
  mode: HeyGenStatusListenerMode,
  announce: (from: Transport, to: Transport, reason: string) => void,
): TransportManager {
  const { options, registry, stats } = ctx;
  let sse: SseTransport | undefined;

  const resolve = (mode: HeyGenStatusListenerMode): Transport => {
    const kind = mode == 'AUTO' ? (openStream ? 'SSE' : 'POLL') : mode;
    expect(
      /^(POLL|LONG_POLL)$/.test(kind) || (kind == 'SSE' && openStream),
      'mode',
      'AUTO, SSE, POLL or LONG_POLL (SSE needs fetch streaming)',
    );
    return kind;
  };

  const create = (kind: Transport): JobTransport => {
    if (kind != 'SSE') return (kind == 'POLL' ? createPollingTransport : createLongPollingTransport)(ctx);
    sse ??= createSseTransport(ctx, openStream as OpenStream, {
      open() {
        if (active == sse) return;
        stats.recoveries++;
        use('SSE', 'recovered');
      },
      disrupted(error, failures) {
        ctx.report(error);
        if (!options.fallback) {
          if (!isRetryable(error)) registry.fail(registry.ids(), error);
        } else if (active == sse && (failures >= FALLBACK_AFTER || !isRetryable(error))) {
          stats.fallbacks++;
          use('POLL', `fallback: ${error.message}`);
        }
      },
    });
    sse.active = true;
    return sse;
  };

  const dropSse = (): void => {
    sse?.close();
    sse = undefined;
  };

  /** Moves every watched job to another transport; a stream left behind keeps probing. */
  const use = (kind: Transport, reason: string): void => {
    const from = active;
    if (from.kind == kind) return;
    active = create(kind);
    if (from == sse) sse.active = false;
    else from.close();
    registry.ids().forEach(manager.watch);
    announce(from.kind, kind, reason);
  };

  let active = create(resolve(mode));

  // A probing stream follows the watched jobs too.
  const each = (fn: (transport: JobTransport) => void): void => new Set([active, sse]).forEach((t) => t && fn(t));

  const manager: TransportManager = {
    get kind() {
      return active.kind;
    },
    watch: (id) => each((t) => t.watch(id)),
    unwatch: (id) => each((t) => t.unwatch(id)),
    change(mode) {
      const kind = resolve(mode);
      if (sse != active) dropSse();
      use(kind, 'changeBackend');
      if (kind != 'SSE') dropSse();
    },
    close() {
      active.close();
      dropSse();
    },
  };
  return manager;
}
