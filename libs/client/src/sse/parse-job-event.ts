import type { Job } from '@heygen-mock/contracts';
import { MessageParseError } from '../errors/message-parse-error.js';

/**
 * Reads the data of a `job` event. Pure, so it is tested apart from any connection. Only the
 * fields the client relies on are checked; the shape itself comes from the contract.
 *
 * @throws MessageParseError when the data is not a job
 * @internal
 */
export function parseJobEvent(data: string): Job {
  let job: Partial<Job> | undefined;
  try {
    job = JSON.parse(data) as Partial<Job>;
  } catch {
    // reported below, as any other data that is not a job
  }
  if (!job?.id || !job.status || !job.updatedAt) throw new MessageParseError('Not a job');
  return job as Job;
}
