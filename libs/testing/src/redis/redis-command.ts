import net from 'node:net';
import { encodeCommand, parseReply, type RespReply } from './resp.js';

/** Options of {@link redisCommand}. */
export interface RedisCommandOptions {
  /** Host of the server. @default '127.0.0.1' */
  readonly host?: string;
  /** Bound on connecting, sending and reading the reply, ms. @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * Sends one command to a Redis server over a fresh TCP connection and resolves with its reply:
 * a raw RESP2 exchange, so test support needs no Redis client. For checks and setup in tests
 * (`PING`, `GET`, `FLUSHALL`, `CONFIG GET dir`), not for load.
 *
 * @param port - the server's port
 * @param args - the command and its arguments
 * @param options - host and time bound
 * @returns the reply; an error reply rejects instead
 * @throws Error with the server's text on an error reply (`ERR ...`), or the socket's error
 *   (`ECONNREFUSED`) when nothing listens, or a timeout
 * @example
 * await redisCommand(redis.port, ['SET', 'greeting', 'hello']); // 'OK'
 * await redisCommand(redis.port, ['GET', 'greeting']); // 'hello'
 */
export function redisCommand(port: number, args: readonly string[], options: RedisCommandOptions = {}): Promise<RespReply> {
  const { host = '127.0.0.1', timeoutMs = 5000 } = options;
  const command = encodeCommand(args);
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`Redis on ${host}:${port} did not answer ${args[0]} within ${timeoutMs} ms.`)));
    socket.once('error', fail);
    socket.once('close', () => fail(new Error(`Redis on ${host}:${port} closed the connection before answering ${args[0]}.`)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      let parsed;
      try {
        parsed = parseReply(received);
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (parsed === undefined) return;
      socket.removeAllListeners('close');
      socket.setTimeout(0);
      socket.end();
      if (parsed.reply instanceof Error) reject(parsed.reply);
      else resolve(parsed.reply);
    });
    socket.write(command);
  });
}
