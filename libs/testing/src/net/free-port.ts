import net from 'node:net';

/**
 * Finds a TCP port on 127.0.0.1 that is free right now, for a server that cannot listen on
 * port 0 and report the port it got (`redis-server --port 0` turns TCP off). The port is
 * released before it is returned, so another process may take it first: callers retry when
 * the bind fails.
 *
 * @returns a port that was free a moment ago
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('Listening on port 0 gave no TCP port.'));
        else resolve(address.port);
      });
    });
  });
}
