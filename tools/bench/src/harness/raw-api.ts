import { randomUUID } from 'node:crypto';

/**
 * A fresh caller key: every case gets its own caller, so no job or stream of one case is seen
 * by another.
 *
 * @returns a key the server accepts (a UUID)
 */
export function newApiKey(): string {
  return randomUUID();
}

/**
 * Creates one job with a raw request, as a caller other than the client under test would.
 *
 * @param url - the server's base URL
 * @param apiKey - the caller key
 * @param durationMs - the job's simulated duration
 * @returns the new job's id
 * @throws Error on a non-201 answer
 */
export async function createJobDirect(url: string, apiKey: string, durationMs: number): Promise<string> {
  const response = await fetch(`${url}/create`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ durationMs: Math.max(0, Math.round(durationMs)) }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`POST /create answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
  }
  return body.id;
}
