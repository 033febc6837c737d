/**
 * Follows one SSE response as it arrives in chunks and keeps what the load scenarios ask
 * about: whether a heartbeat comment came since the last mark, and how many completion events
 * arrived. It looks at lines only; an event's JSON is not parsed, to keep the load process
 * cheap enough that it is not the bottleneck of a fan-out measurement.
 */
export class SseLineTracker {
  /** A `:` comment line arrived since the last {@link mark}. */
  heartbeat = false;
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
      else if (line.startsWith('data:') && line.includes('"status":"completed"')) {
        this.completions++;
        this.lastCompletionAt = now;
      }
    }
  }

  /** Forgets heartbeats and completions seen so far. */
  mark(): void {
    this.heartbeat = false;
    this.completions = 0;
  }
}
