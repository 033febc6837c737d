import net from 'node:net';
import { classifyRequest, type RequestKind } from './request-line.js';

/** Counters a scenario reads to assert what really crossed the network. */
export interface TcpProxyStats {
  /** Connections accepted since start (including the ones refused right after accepting). */
  connections: number;
  /** Connections currently open. */
  openConnections: number;
  /** Connections that carried a `GET /status` event stream. */
  streamConnections: number;
  /** Event streams currently open. */
  openStreams: number;
  /** Connections reset because every connection was being refused. */
  refusedConnections: number;
  /** Event-stream requests reset because streams were being refused. */
  refusedStreams: number;
  /** Connections cut by `cutAll()` or `cutStreams()`. */
  cutConnections: number;
  /** Streams silenced by `stallStreams()`. */
  stalledConnections: number;
  /** HTTP requests seen on the client side, by kind (a keep-alive connection carries several). */
  requests: Record<RequestKind, number>;
}

/** Options of {@link TcpProxy.start}. */
export interface TcpProxyOptions {
  /** Port of the upstream server on 127.0.0.1. */
  targetPort: number;
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number;
}

interface Link {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  /** Client bytes held until the upstream connection opens. */
  pending: Buffer[] | null;
  stream: boolean;
  /** Server bytes are dropped: the connection stays open but goes silent. */
  stalled: boolean;
}

/**
 * A TCP proxy from 127.0.0.1 to the API that simulates network trouble for real: it cuts live
 * connections, silences streams, resets new event streams or every new connection for a
 * while, and counts what it forwards. It reads only the first bytes of each request to tell an event stream
 * (`GET /status` without an id, or `Accept: text/event-stream`) from a plain request.
 *
 * @example
 * const proxy = await TcpProxy.start({ targetPort: api.port });
 * proxy.cutStreams();
 * proxy.refuseStreams(3000);
 * await proxy.close();
 */
export class TcpProxy {
  private readonly links = new Set<Link>();
  private refuseAllUntil = 0;
  private refuseStreamsUntil = 0;
  private readonly counters: TcpProxyStats = {
    connections: 0,
    openConnections: 0,
    streamConnections: 0,
    openStreams: 0,
    refusedConnections: 0,
    refusedStreams: 0,
    cutConnections: 0,
    stalledConnections: 0,
    requests: { create: 0, status: 0, batch: 0, stream: 0, preflight: 0, other: 0 },
  };

  private constructor(
    private readonly server: net.Server,
    private readonly targetPort: number,
  ) {}

  /**
   * Starts a proxy listening on 127.0.0.1.
   *
   * @param options - upstream port and optional listening port
   * @returns the listening proxy
   */
  static async start(options: TcpProxyOptions): Promise<TcpProxy> {
    const server = net.createServer();
    const proxy = new TcpProxy(server, options.targetPort);
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

  /** Base URL of the proxied API, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A snapshot of the counters. */
  get stats(): TcpProxyStats {
    return { ...this.counters, requests: { ...this.counters.requests } };
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
   * sleeping laptop does: server bytes (events, heartbeats) are dropped from now on. Only a
   * heartbeat deadline on the client can notice.
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
   * Resets every new event-stream request for `ms` milliseconds, as a network whose middlebox
   * kills long-lived responses would.
   *
   * @param ms - how long to refuse streams
   */
  refuseStreams(ms: number): void {
    this.refuseStreamsUntil = Date.now() + ms;
  }

  /**
   * Resets every new connection for `ms` milliseconds: the server is unreachable.
   *
   * @param ms - how long to refuse connections
   */
  refuseAll(ms: number): void {
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
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
    const link: Link = { client, upstream, pending: [], stream: false, stalled: false };
    this.links.add(link);
    this.counters.openConnections += 1;
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    upstream.once('connect', () => {
      for (const chunk of link.pending ?? []) upstream.write(chunk);
      link.pending = null;
    });
    client.on('data', (chunk: Buffer) => {
      if (!this.inspect(link, chunk)) return;
      if (link.pending === null) upstream.write(chunk);
      else link.pending.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!link.stalled && !client.destroyed) client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    const close = (): void => this.release(link);
    client.on('close', close);
    upstream.on('close', close);
    // Errors surface as 'close'; a handler stops them from becoming uncaught exceptions.
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }

  /** Classifies a request that starts in `chunk`; returns false when the link was refused. */
  private inspect(link: Link, chunk: Buffer): boolean {
    const kind = classifyRequest(chunk);
    if (kind === null) return true;
    this.counters.requests[kind] += 1;
    if (kind !== 'stream' || link.stream) return true;
    if (Date.now() < this.refuseStreamsUntil) {
      this.counters.refusedStreams += 1;
      this.destroy(link);
      return false;
    }
    link.stream = true;
    this.counters.streamConnections += 1;
    this.counters.openStreams += 1;
    return true;
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
    // A reset, not a graceful end: the peer sees the abrupt loss a network change causes.
    if (!link.client.destroyed) link.client.resetAndDestroy();
    link.upstream.destroy();
  }

  private release(link: Link): void {
    if (!this.links.delete(link)) return;
    this.counters.openConnections -= 1;
    if (link.stream) this.counters.openStreams -= 1;
    link.client.destroy();
    link.upstream.destroy();
  }
}
