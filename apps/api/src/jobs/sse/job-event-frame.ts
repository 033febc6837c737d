import type { JobEvent } from '../events/job-event.js';
import { formatSseEvent } from './sse-format.js';

/** Frames already made: an event fanned out to many connections is framed once. */
const frames = new WeakMap<JobEvent, string>();

/**
 * The `text/event-stream` frame of a job event: `id`, `event: job` and the job as JSON `data`.
 *
 * @param event - the event
 * @returns the frame, ending with the blank line that dispatches it
 */
export function jobEventFrame(event: JobEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = formatSseEvent({ id: String(event.id), event: 'job', data: JSON.stringify(event.job) });
    frames.set(event, frame);
  }
  return frame;
}
