/**
 * Where a `TcpProxy` forwards to: one upstream server on 127.0.0.1, or several that take
 * new connections in turn, as a round-robin load balancer in front of several API instances
 * does. Exactly one of the two options is given.
 */
export type UpstreamTargetOptions =
  | {
      /** Port of the upstream server on 127.0.0.1. */
      readonly targetPort: number;
      readonly targetPorts?: never;
    }
  | {
      /**
       * Ports of several upstream servers on 127.0.0.1. Each new connection goes to the next
       * one in turn; one that fails to connect (refused: the instance is down) is skipped for
       * the next, and the client is reset only when every target failed.
       */
      readonly targetPorts: readonly number[];
      readonly targetPort?: never;
    };

/**
 * The upstream ports of a proxy and whose turn it is. Pure: the proxy does the connecting.
 *
 * @example
 * const targets = UpstreamTargets.from({ targetPorts: [4001, 4002] });
 * targets.next(new Set()); // { index: 0, port: 4001 }, then index 1, then 0 …
 */
export class UpstreamTargets {
  /** Index of the target whose turn is next. */
  private cursor = 0;

  private constructor(
    /** The upstream ports, in turn order. */
    readonly ports: readonly number[],
  ) {}

  /**
   * Validates the options and makes the target list.
   *
   * @param options - `targetPort` or `targetPorts`
   * @returns the targets, first one's turn first
   * @throws TypeError naming the option when neither or both are given, a list is empty, or a port is not one
   */
  static from(options: UpstreamTargetOptions): UpstreamTargets {
    const { targetPort, targetPorts } = options as { targetPort?: unknown; targetPorts?: unknown };
    if ((targetPort === undefined) === (targetPorts === undefined)) {
      throw new TypeError('Expected exactly one of `targetPort` and `targetPorts`.');
    }
    if (targetPorts === undefined) return new UpstreamTargets([port(targetPort, 'targetPort')]);
    if (!Array.isArray(targetPorts) || targetPorts.length === 0) {
      throw new TypeError('Expected `targetPorts` to be a non-empty array of ports.');
    }
    return new UpstreamTargets(targetPorts.map((value: unknown, index) => port(value, `targetPorts[${index}]`)));
  }

  /**
   * Takes the next target in turn that a connection has not tried yet, and moves the turn past it.
   *
   * @param tried - indexes of the targets this connection already failed to reach
   * @returns the target to try (its index in {@link UpstreamTargets.ports} and its port), or
   *   `undefined` when every target was tried
   */
  next(tried: ReadonlySet<number>): { readonly index: number; readonly port: number } | undefined {
    for (let step = 0; step < this.ports.length; step += 1) {
      const index = (this.cursor + step) % this.ports.length;
      const port = this.ports[index];
      if (port === undefined || tried.has(index)) continue;
      this.cursor = (index + 1) % this.ports.length;
      return { index, port };
    }
    return undefined;
  }
}

function port(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65_536) return value;
  throw new TypeError(`Expected \`${name}\` to be a port from 1 to 65535, got ${String(value)}.`);
}
