import net from 'node:net';
import { classifyRequest, REQUEST_KINDS, RequestLineScanner, type RequestKind } from './request-kind.js';
import type { TcpProxyStats } from './tcp-proxy-stats.js';
import { UpstreamTargets, type UpstreamTargetOptions } from './upstream-targets.js';

/**
 * Options of {@link TcpProxy.start}: the upstream, `targetPort` or `targetPorts` (exactly one),
 * and the port to listen on.
 */
export type TcpProxyOptions = UpstreamTargetOptions & {
  /** Port to listen on; `0` picks a free one. @default 0 */
  readonly port?: number;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Link {
  readonly client: net.Socket;
  /** The upstream socket: the one being tried until one connects, then the connected one. */
  upstream: net.Socket | undefined;
  /** Index of the target the upstream socket connected to; `undefined` until one has. */
  target: number | undefined;
  /** Indexes of the targets tried for this link, the current one included. */
  readonly tried: Set<number>;
  readonly scanner: RequestLineScanner;
  /** The connection carries an event stream. */
  stream: boolean;
  /** Server bytes are dropped: the connection stays open but goes silent. */
  stalled: boolean;
}

/**
 * A TCP proxy on 127.0.0.1 in front of the API that counts what it forwards and plays network
 * trouble for real: it cuts live connections, silences streams, and resets new event streams
 * or every new connection until healed. It reads the request lines of the client-to-server
 * bytes to count requests by kind and to tell an event stream (`GET /status`) from a plain
 * request. Counting on the wire, below the client, charges everything a transport costs:
 * headers, chunked framing, heartbeats and reconnects. In front of several instances
 * (`targetPorts`) it balances new connections round-robin and skips an instance that is down.
 *
 * @example
 * const proxy = await TcpProxy.start({ targetPort: api.port });
 * proxy.cutStreams();
 * proxy.refuseStreams(); // until heal()
 * proxy.heal();
 * await proxy.close();
 */
export class TcpProxy {
  private readonly links = new Set<Link>();
  private refuseAllUntil = 0;
  private refuseStreamsUntil = 0;
  private readonly counters: Mutable<Omit<TcpProxyStats, 'requests' | 'targetConnections' | 'targetOpenStreams'>> = {
    connections: 0,
    openConnections: 0,
    streamConnections: 0,
    openStreams: 0,
    refusedConnections: 0,
    refusedStreams: 0,
    cutConnections: 0,
    stalledConnections: 0,
    bytesUp: 0,
    bytesDown: 0,
    droppedBytes: 0,
    targetFailures: 0,
    unreachableConnections: 0,
  };
  private readonly requests = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as Record<RequestKind, number>;
  private readonly targetConnections: number[];
  private readonly targetOpenStreams: number[];

  private constructor(
    private readonly server: net.Server,
    private readonly targets: UpstreamTargets,
  ) {
    this.targetConnections = targets.ports.map(() => 0);
    this.targetOpenStreams = targets.ports.map(() => 0);
  }

  /**
   * Starts a proxy listening on 127.0.0.1.
   *
   * @param options - upstream port or ports, and optional listening port
   * @returns the listening proxy
   * @throws TypeError naming the option when neither or both of `targetPort` and `targetPorts` are given, or a port is invalid
   * @example
   * const balancer = await TcpProxy.start({ targetPorts: [a.port, b.port, c.port] });
   */
  static async start(options: TcpProxyOptions): Promise<TcpProxy> {
    const targets = UpstreamTargets.from(options);
    const server = net.createServer();
    const proxy = new TcpProxy(server, targets);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  /** Port the proxy listens on. */
  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy is not listening.');
    return address.port;
  }

  /** Base URL of the proxied API, e.g. `http://127.0.0.1:41234`: what the client is given. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A snapshot of the counters. */
  get stats(): TcpProxyStats {
    return { ...this.counters, targetConnections: [...this.targetConnections], targetOpenStreams: [...this.targetOpenStreams], requests: { ...this.requests } };
  }

  /**
   * Resets every open connection, streams and plain requests alike.
   *
   * @returns how many connections were cut
   */
  cutAll(): number {
    return this.cut(() => true);
  }

  /**
   * Resets the open event-stream connections only; plain requests carry on.
   *
   * @returns how many streams were cut
   */
  cutStreams(): number {
    return this.cut((link) => link.stream);
  }

  /**
   * Makes the open event streams go silent without closing them, as a dead NAT mapping or a
   * sleeping laptop does: server bytes (events, heartbeats) are dropped from now on and counted
   * as `droppedBytes`. Only a heartbeat deadline on the client can notice.
   *
   * @returns how many streams were stalled
   */
  stallStreams(): number {
    let stalled = 0;
    for (const link of this.links) {
      if (!link.stream || link.stalled) continue;
      link.stalled = true;
      stalled += 1;
    }
    this.counters.stalledConnections += stalled;
    return stalled;
  }

  /**
   * Resets every new event-stream request, as a network whose middlebox kills long-lived
   * responses would; plain requests pass.
   *
   * @param ms - how long to refuse streams @default until {@link heal}
   */
  refuseStreams(ms = Infinity): void {
    this.refuseStreamsUntil = Date.now() + ms;
  }

  /**
   * Resets every new connection: the server is unreachable.
   *
   * @param ms - how long to refuse connections @default until {@link heal}
   */
  refuseAll(ms = Infinity): void {
    this.refuseAllUntil = Date.now() + ms;
  }

  /** Ends any refusal started by {@link refuseStreams} or {@link refuseAll}. */
  heal(): void {
    this.refuseAllUntil = 0;
    this.refuseStreamsUntil = 0;
  }

  /** Stops listening and resets every open connection. */
  async close(): Promise<void> {
    this.cut(() => true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.counters.connections += 1;
    if (Date.now() < this.refuseAllUntil) {
      this.counters.refusedConnections += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    const link: Link = { client, upstream: undefined, target: undefined, tried: new Set(), scanner: new RequestLineScanner(), stream: false, stalled: false };
    this.links.add(link);
    this.counters.openConnections += 1;
    client.setNoDelay(true);
    client.on('close', () => this.release(link));
    // Errors surface as 'close'; a handler stops them from becoming uncaught exceptions.
    client.on('error', () => undefined);
    // The client is read only once an upstream has connected: bytes sent to a target that then
    // refuses would be lost, and unread bytes wait in the socket's bounded buffer meanwhile.
    this.connectUpstream(link);
  }

  /** Connects `link` to the next target in turn, moving on to the next one while they fail. */
  private connectUpstream(link: Link): void {
    const target = this.targets.next(link.tried);
    if (target === undefined) {
      this.counters.unreachableConnections += 1;
      this.destroy(link);
      return;
    }
    link.tried.add(target.index);
    const upstream = net.connect({ host: '127.0.0.1', port: target.port });
    link.upstream = upstream;
    let connected = false;
    upstream.on('error', () => {
      // Once connected, errors surface as 'close'. Before, the target is down: try the next one,
      // unless the link was released meanwhile (the client left or was cut).
      if (connected || !this.links.has(link)) return;
      this.counters.targetFailures += 1;
      this.connectUpstream(link);
    });
    upstream.once('connect', () => {
      connected = true;
      link.target = target.index;
      this.targetConnections[target.index] = (this.targetConnections[target.index] ?? 0) + 1;
      this.pipe(link, upstream);
    });
  }

  /** Forwards both ways between the client and the connected `upstream`, counting as it goes. */
  private pipe(link: Link, upstream: net.Socket): void {
    const { client } = link;
    upstream.setNoDelay(true);
    client.on('data', (chunk: Buffer) => {
      this.counters.bytesUp += chunk.length;
      if (!this.inspect(link, chunk)) return;
      forward(chunk, client, upstream);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (link.stalled) {
        this.counters.droppedBytes += chunk.length;
        return;
      }
      this.counters.bytesDown += chunk.length;
      forward(chunk, upstream, client);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    upstream.on('close', () => this.release(link));
  }

  /** Counts the requests that `chunk` completes; returns false when the link was refused. */
  private inspect(link: Link, chunk: Buffer): boolean {
    for (const line of link.scanner.feed(chunk.toString('latin1'))) {
      const kind = classifyRequest(line);
      this.requests[kind] += 1;
      if (kind !== 'stream' || link.stream) continue;
      if (Date.now() < this.refuseStreamsUntil) {
        this.counters.refusedStreams += 1;
        this.destroy(link);
        return false;
      }
      link.stream = true;
      this.counters.streamConnections += 1;
      this.counters.openStreams += 1;
      this.countTargetStream(link, 1);
    }
    return true;
  }

  /** Adds `delta` to the open streams of the target `link` is connected to. */
  private countTargetStream(link: Link, delta: number): void {
    // A link is inspected only once its upstream connected, so a stream always has a target.
    if (link.target !== undefined) this.targetOpenStreams[link.target] = (this.targetOpenStreams[link.target] ?? 0) + delta;
  }

  private cut(select: (link: Link) => boolean): number {
    let cut = 0;
    for (const link of [...this.links]) {
      if (!select(link)) continue;
      cut += 1;
      this.destroy(link);
    }
    this.counters.cutConnections += cut;
    return cut;
  }

  private destroy(link: Link): void {
    const { client } = link;
    // A reset, not a graceful end: the peer sees the abrupt loss a network change causes. A
    // connection already closing gracefully is only destroyed: a reset after `end()` leaves
    // Node 20 with a handle that never closes and keeps the event loop busy.
    if (!client.destroyed && !client.writableEnded) client.resetAndDestroy();
    else client.destroy();
    link.upstream?.destroy();
  }

  private release(link: Link): void {
    if (!this.links.delete(link)) return;
    this.counters.openConnections -= 1;
    if (link.stream) {
      this.counters.openStreams -= 1;
      this.countTargetStream(link, -1);
    }
    link.client.destroy();
    link.upstream?.destroy();
  }
}

/** Writes `chunk` on to `to`, pausing `from` while `to` has more buffered than it wants. */
function forward(chunk: Buffer, from: net.Socket, to: net.Socket): void {
  if (to.destroyed) return;
  if (!to.write(chunk) && !from.isPaused()) {
    from.pause();
    to.once('drain', () => from.resume());
  }
}
