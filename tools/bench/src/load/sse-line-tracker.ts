/**
 * Follows one SSE response as it arrives in chunks and keeps what the load scenarios ask
 * about: whether a heartbeat comment came since the last mark, and how many events and
 * completion events arrived. It looks at lines only; an event's JSON is not parsed, to keep the load process
 * cheap enough that it is not the bottleneck of a fan-out measurement.
 */
export class SseLineTracker {
  /** A `:` comment line arrived since the last {@link mark}. */
  heartbeat = false;
  /** `id:` lines (every job event has one) since the last {@link mark}. */
  events = 0;
  /** When the last event arrived, ms (from the clock given to {@link feed}). */
  lastEventAt = 0;
  /** `data:` lines of jobs with `"status":"completed"` since the last {@link mark}. */
  completions = 0;
  /** When the last completion arrived, ms (from the clock given to {@link feed}). */
  lastCompletionAt = 0;
  private partial = '';

  /**
   * Consumes the next chunk of the stream.
   *
   * @param chunk - text as received
   * @param now - the time of arrival, ms
   */
  feed(chunk: string, now: number): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(':')) this.heartbeat = true;
      else if (line.startsWith('id:')) {
        this.events++;
        this.lastEventAt = now;
      } else if (line.startsWith('data:') && line.includes('"status":"completed"')) {
        this.completions++;
        this.lastCompletionAt = now;
      }
    }
  }

  /** Forgets heartbeats, events and completions seen so far. */
  mark(): void {
    this.heartbeat = false;
    this.events = 0;
    this.completions = 0;
  }
}
