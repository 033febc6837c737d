import { randomUUID } from 'node:crypto';
import {
  isTerminalStatus,
  MAX_BATCH_JOB_IDS,
  type BatchStatusRequest,
  type BatchStatusResponse,
  type CreateJobRequest,
  type Job,
} from '@heygen-mock/contracts';

/**
 * A fresh caller key, so that no job or stream of one test or case is seen by another.
 *
 * @returns a key the server accepts (a UUID)
 */
export function newCallerKey(): string {
  return randomUUID();
}

/**
 * Creates one job with a plain request, as a caller other than the client under test would
 * (or beside it, with its key), so that creating costs the client nothing.
 *
 * @param url - the server's base URL
 * @param apiKey - the caller key
 * @param body - the job's duration and outcome @default the server's
 * @returns the created job
 * @throws Error on any answer but 201
 */
export async function createJobDirect(url: string, apiKey: string, body: CreateJobRequest = {}): Promise<Job> {
  const response = await fetch(`${url}/create`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Job;
  if (response.status !== 201) throw new Error(`POST /create answered ${response.status}: ${JSON.stringify(answer).slice(0, 200)}`);
  return answer;
}

/**
 * Waits until the server reports every job in `ids` as ended, with long-polled batch reads
 * straight to the server: how a test learns that jobs are over on the server while the
 * client under test cannot hear of it (streams cut, connections refused).
 *
 * @param url - the server's base URL (not a proxy in front of it)
 * @param apiKey - the key the jobs belong to
 * @param ids - the jobs
 * @param timeoutMs - bound on the wait @default 30000
 * @returns the ended jobs, in the order of `ids`
 * @throws Error when a job is unknown or still pending at the bound
 */
export async function waitForJobsToEnd(url: string, apiKey: string, ids: readonly string[], timeoutMs = 30_000): Promise<Job[]> {
  const deadline = Date.now() + timeoutMs;
  const ended = new Map<string, Job>();
  let pending = [...new Set(ids)];
  while (pending.length > 0) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Jobs still pending on the server after ${timeoutMs} ms: ${pending.join(', ')}`);
    const request: BatchStatusRequest = { ids: pending.slice(0, MAX_BATCH_JOB_IDS), waitMs: Math.min(left, 10_000) };
    const response = await fetch(`${url}/status/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error(`POST /status/batch answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const answer = (await response.json()) as BatchStatusResponse;
    if (answer.notFound.length > 0) throw new Error(`Unknown jobs: ${answer.notFound.join(', ')}`);
    for (const job of answer.jobs) if (isTerminalStatus(job.status)) ended.set(job.id, job);
    pending = pending.filter((id) => !ended.has(id));
  }
  return ids.map((id) => ended.get(id) as Job);
}
