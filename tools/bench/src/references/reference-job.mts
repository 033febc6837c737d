import type { Job } from '@heygen-mock/contracts';
import { randomUUID } from 'node:crypto';

/**
 * A pending job with the fields and sizes of the API's own, so that the reference servers
 * answer as many bytes as the API does and the throughput comparison is about the servers.
 *
 * @returns a new job, an hour from completion
 */
export function referenceJob(): Job {
  const now = Date.now();
  return {
    id: randomUUID(),
    status: 'pending',
    progress: 0,
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    expectedCompletionAt: new Date(now + 3_600_000).toISOString(),
    completedAt: null,
    error: null,
    pollAfterMs: 3_600_000,
  };
}

/**
 * Writes the line the bench's launcher reads the address from, as the API does.
 *
 * @param port - the bound port
 */
export function announce(port: number): void {
  process.stdout.write(`${JSON.stringify({ message: 'listening', url: `http://127.0.0.1:${port}`, port })}\n`);
}
