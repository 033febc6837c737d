import type { JobEvent, JobEventSubscriber } from '../jobs/events/job-event.js';

/** A subscriber that keeps what it receives, for tests of the event buses and the jobs service. */
export class RecordingSubscriber implements JobEventSubscriber {
  readonly events: JobEvent[] = [];
  closed = false;

  /** @inheritDoc */
  send(event: JobEvent): void {
    this.events.push(event);
  }

  /** @inheritDoc */
  close(): void {
    this.closed = true;
  }

  /** @returns `[status, progress]` of each event received, in order */
  states(): Array<[string, number]> {
    return this.events.map((event) => [event.job.status, event.job.progress]);
  }
}

/**
 * @param pages - events a page at a time
 * @returns all of them, in order
 */
export async function allEvents(pages: AsyncIterable<readonly JobEvent[]>): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const page of pages) events.push(...page);
  return events;
}
