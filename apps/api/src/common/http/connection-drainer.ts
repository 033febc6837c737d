import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Lets the HTTP server close promptly. Node's `server.close()` ends idle keep-alive connections
 * but waits for a connection that never sent a request (a browser's preconnect, a client's spare
 * pool socket) until it times out. On shutdown this drainer ends every connection with no
 * response in flight, and the others as soon as their response is complete; held long-polls and
 * event streams are released by the jobs service at the same moment. Connections still open
 * `SHUTDOWN_TIMEOUT_MS` later (a client that never reads its response) are destroyed, so that
 * shutdown always ends.
 */
@Injectable()
export class ConnectionDrainer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly inFlight = new Map<Socket, number>();
  private draining = false;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Starts tracking connections and their responses. */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('connection', (socket: Socket) => {
      this.inFlight.set(socket, 0);
      socket.once('close', () => this.inFlight.delete(socket));
      if (this.draining) socket.end();
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.track(req.socket, res));
  }

  /** Ends every connection that has no response in flight. */
  beforeApplicationShutdown(): void {
    this.draining = true;
    for (const [socket, count] of this.inFlight) if (count === 0) socket.end();
    this.deadline = setTimeout(() => {
      for (const socket of this.inFlight.keys()) socket.destroy();
    }, this.config.shutdownTimeoutMs);
  }

  /** The server has closed: nothing is left to cut. */
  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
  }

  private track(socket: Socket, res: ServerResponse): void {
    this.inFlight.set(socket, (this.inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const count = (this.inFlight.get(socket) ?? 1) - 1;
      this.inFlight.set(socket, count);
      if (this.draining && count === 0) socket.end();
    });
  }
}
