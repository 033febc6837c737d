import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { JobsService } from '../../jobs/jobs.service.js';
import { newKey, startTestServer } from '../../testing/test-server.js';
import { waitUntil } from '../../testing/wait-until.js';

describe('ConnectionDrainer', () => {
  it('closes the server without waiting for a connection that never sent a request', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.baseUrl);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.resume();

    await server.close();
    await socketClosed;
  });

  it('still answers a long-poll in flight when the server shuts down', async () => {
    const server = await startTestServer({ jobTimeMs: 60_000 });
    const created = await server.request('/create', { method: 'POST' });
    const { id } = (await created.json()) as { id: string };
    const held = server.request(`/status/${id}?waitMs=20000`);
    await waitUntil(() => server.app.get(JobsService).watchedJobCount === 1);

    await server.close();
    const res = await held;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'pending' });
  });

  it('closes a keep-alive connection once the response it had in flight at shutdown is written', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.baseUrl);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    // The request is routed, but its body is still on its way when shutdown begins.
    const httpServer = server.app.getHttpServer() as Server;
    const routed = new Promise((resolve) => httpServer.once('request', resolve));
    const body = '{"durationMs":1000}';
    socket.write(`POST /create HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: Bearer ${newKey()}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n{`);
    await routed;

    const closed = server.close();
    await waitUntil(() => !httpServer.listening);
    socket.write(body.slice(1));
    await socketClosed;
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 \d{3} /);
  });

  it('cuts a connection still open SHUTDOWN_TIMEOUT_MS after shutdown began', async () => {
    const server = await startTestServer({ shutdownTimeoutMs: 100 });
    const { port } = new URL(server.baseUrl);
    // A body that never comes: the request stays in flight, its response is never written.
    const socket: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const received = new Promise((resolve) => (server.app.getHttpServer() as Server).once('request', resolve));
    socket.write(`POST /create HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${'k'.repeat(20)}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
    socket.on('end', () => undefined);
    socket.on('error', () => undefined);
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    await received;

    await server.close();
    await socketClosed;
  });
});
