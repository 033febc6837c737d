/**
 * The SSE load process: holds many connections to the server on behalf of a scenario, which
 * drives it over the IPC channel (see `harness/sse-load-process.ts`).
 */
import type { LoadReply, LoadRequest } from './sse-load-protocol.js';
import { SseConnectionPool } from './sse-connection-pool.js';

const pool = new SseConnectionPool();

async function handle(message: LoadRequest): Promise<unknown> {
  switch (message.cmd) {
    case 'open':
      return pool.open(message.url, message.count, message.sharedKey, message.concurrency, message.timeoutMs, message.resume);
    case 'mark':
      return pool.mark();
    case 'heartbeats':
      return pool.heartbeats(message.timeoutMs);
    case 'completions':
      return pool.completions(message.perConnection, message.timeoutMs);
    case 'events':
      return pool.events(message.perConnection, message.timeoutMs);
    case 'tally':
      return pool.tally(message.expected);
    case 'close':
      return pool.close();
  }
}

process.on('message', (message: LoadRequest) => {
  const reply = (answer: Omit<LoadReply, 'id'>): void => void process.send?.({ id: message.id, ...answer });
  handle(message).then(
    (result) => reply({ result }),
    (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
  );
});
// The scenario going away ends the load process, whatever state it is in.
process.on('disconnect', () => {
  pool.close();
  process.exit(0);
});
