import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';

/** How often, while shutting down, the connections whose response has ended are closed. */
const SWEEP_INTERVAL_MS = 25;

/** The response of the latest request a connection carried. */
const LATEST_RESPONSE = Symbol('latestResponse');

type TrackedSocket = Socket & { [LATEST_RESPONSE]?: ServerResponse };

/**
 * Lets the HTTP server close promptly. Node's `server.close()` ends idle keep-alive connections
 * but waits for a connection that never sent a request (a browser's preconnect, a client's spare
 * pool socket) until it times out, and keeps a connection whose response was in flight open
 * after that response. On shutdown this drainer ends every connection with no response in
 * flight, and sweeps again every {@link SWEEP_INTERVAL_MS} ms so that the others end soon after
 * their response is complete; held long-polls and event streams are released by the jobs service
 * at the same moment. Connections still open `SHUTDOWN_TIMEOUT_MS` later (a client that never
 * reads its response) are destroyed, so that shutdown always ends.
 *
 * While the server runs, a request costs one property write: responses on a connection end in
 * order, so the connection is idle when its latest response has finished.
 */
@Injectable()
export class ConnectionDrainer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly sockets = new Set<TrackedSocket>();
  private sweep: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Starts tracking connections and their latest response. */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('connection', (socket: TrackedSocket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      (req.socket as TrackedSocket)[LATEST_RESPONSE] = res;
    });
  }

  /** Ends every connection that has no response in flight, now and until the server has closed. */
  beforeApplicationShutdown(): void {
    this.endIdleConnections();
    this.sweep = setInterval(() => this.endIdleConnections(), SWEEP_INTERVAL_MS);
    this.deadline = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, this.config.shutdownTimeoutMs);
  }

  /** The server has closed: nothing is left to cut. */
  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    clearTimeout(this.deadline);
  }

  private endIdleConnections(): void {
    for (const socket of this.sockets) {
      const response = socket[LATEST_RESPONSE];
      if (!socket.writableEnded && (response === undefined || response.writableFinished)) socket.end();
    }
  }
}
