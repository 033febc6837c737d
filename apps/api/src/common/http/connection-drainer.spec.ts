import { connect, type Socket } from 'node:net';
import { startTestServer } from '../../testing/test-server.js';

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
    // Let the long-poll reach the server before shutting down.
    await new Promise((resolve) => setTimeout(resolve, 50));

    await server.close();
    const res = await held;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'pending' });
  });
});
