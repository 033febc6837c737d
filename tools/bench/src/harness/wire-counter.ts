import { connect, createServer, type Socket } from 'node:net';
import { classifyRequest, type RequestKind, RequestLineScanner } from './request-lines.js';

/** What went through a {@link WireCounter}. */
export interface WireCounts {
  /** Bytes from the client to the server (requests). */
  readonly bytesUp: number;
  /** Bytes from the server to the client (responses and streams). */
  readonly bytesDown: number;
  readonly connections: number;
  readonly requests: Readonly<Record<RequestKind, number>>;
}

/** A counting TCP proxy in front of the server. */
export interface WireCounter {
  /** Base URL to give the client instead of the server's. */
  readonly url: string;
  /** Counts so far. */
  counts(): WireCounts;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy on 127.0.0.1 that forwards to `target` and counts the bytes each way and
 * the HTTP request lines by kind. Counting on the wire, below the client, charges everything a
 * transport really costs: headers, chunked framing, heartbeats and reconnects.
 *
 * @param target - the server's base URL
 * @returns the running proxy
 */
export async function startWireCounter(target: string): Promise<WireCounter> {
  const { hostname, port } = new URL(target);
  const requests: Record<RequestKind, number> = { create: 0, status: 0, 'long-poll': 0, batch: 0, stream: 0, health: 0, other: 0 };
  let bytesUp = 0;
  let bytesDown = 0;
  let connections = 0;
  const sockets = new Set<Socket>();

  const server = createServer((downstream) => {
    connections++;
    const upstream = connect(Number(port), hostname);
    const scanner = new RequestLineScanner();
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    downstream.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
      for (const line of scanner.feed(chunk.toString('latin1'))) requests[classifyRequest(line)]++;
    });
    upstream.on('data', (chunk: Buffer) => (bytesDown += chunk.length));
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    // One side failing ends the other, as a real connection would end.
    downstream.on('error', () => upstream.destroy());
    upstream.on('error', () => downstream.destroy());
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The counting proxy has no TCP address.');

  return {
    url: `http://127.0.0.1:${address.port}`,
    counts: () => ({ bytesUp, bytesDown, connections, requests: { ...requests } }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
