import { existsSync } from 'node:fs';
import net from 'node:net';
import { redisCommand } from './redis-command.js';
import { startRedisServer } from './redis-server.js';

/** Resolves with the error code of connecting to `port` on 127.0.0.1, or 'connected'. */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('startRedisServer', () => {
  it('starts a real redis-server that answers over RESP, keeps data, and is gone with its folder once stopped', async () => {
    const redis = await startRedisServer();
    let dir: unknown;
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(redis.pid).toBeGreaterThan(0);
      await expect(redisCommand(redis.port, ['PING'])).resolves.toBe('PONG');
      await expect(redisCommand(redis.port, ['SET', 'greeting', 'hello wörld'])).resolves.toBe('OK');
      await expect(redisCommand(redis.port, ['GET', 'greeting'])).resolves.toBe('hello wörld');
      await expect(redisCommand(redis.port, ['GET', 'absent'])).resolves.toBeNull();
      await expect(redisCommand(redis.port, ['NO-SUCH-COMMAND'])).rejects.toThrow(/^ERR unknown command/);
      await expect(redisCommand(redis.port, ['CONFIG', 'GET', 'save'])).resolves.toEqual(['save', '']);
      await expect(redisCommand(redis.port, ['CONFIG', 'GET', 'appendonly'])).resolves.toEqual(['appendonly', 'no']);
      [, dir] = (await redisCommand(redis.port, ['CONFIG', 'GET', 'dir'])) as [string, string];
      expect(typeof dir === 'string' && existsSync(dir)).toBe(true);
    } finally {
      await redis.stop();
    }
    await expect(connectOutcome(redis.port)).resolves.toBe('ECONNREFUSED');
    expect(existsSync(dir as string)).toBe(false);
    // Stopping twice is harmless.
    await redis.stop();
  });

  it('runs several servers side by side, each on its own port with its own data', async () => {
    const [a, b] = await Promise.all([startRedisServer(), startRedisServer()]);
    try {
      expect(a.port).not.toBe(b.port);
      await redisCommand(a.port, ['SET', 'where', 'a']);
      await expect(redisCommand(b.port, ['GET', 'where'])).resolves.toBeNull();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('reports a port given explicitly that is taken, with what Redis logged', async () => {
    // It hangs up at once on the PINGs sent while Redis starts, so none of them lingers.
    const taken = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      await expect(startRedisServer({ port })).rejects.toThrow(/exited before it was ready[\s\S]*Address already in use/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('says how to install Redis when the executable is missing', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      'redis-server is missing: "/nonexistent/redis-server" was not found. Install it with `apt-get install -y redis-server`',
    );
  });

  it('names the option that is invalid', async () => {
    await expect(startRedisServer({ port: 70_000 })).rejects.toThrow(/`port`/);
    await expect(startRedisServer({ readyTimeoutMs: -1 })).rejects.toThrow(/`readyTimeoutMs`/);
  });
});
