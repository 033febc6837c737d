import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { JobDto } from '../jobs/dto/job.dto.js';

/** One item of a `text/event-stream`, in the order received: an event, a `retry:` field or a comment. */
export type SseItem =
  | { readonly kind: 'event'; readonly id: string | undefined; readonly event: string | undefined; readonly data: string }
  | { readonly kind: 'retry'; readonly retry: number }
  | { readonly kind: 'comment'; readonly comment: string };

/** A `job` event of the API's stream. */
export interface JobStreamEvent {
  /** The event id, as a number. */
  readonly id: number;
  /** The event's `data`, parsed. */
  readonly job: JobDto;
}

/**
 * Reads an event-stream response item by item, through `eventsource-parser`. Each read has a
 * deadline so that a test fails with what was received instead of hanging; the deadline is a
 * guard, not a measurement.
 */
export class SseReader {
  private readonly items: SseItem[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;

  /** @param response - a `text/event-stream` response whose body is unread */
  constructor(response: Response) {
    if (response.body === null) throw new TypeError('Expected a response with a body.');
    this.reader = response.body.getReader();
    this.parser = createParser({
      onEvent: ({ id, event, data }) => this.items.push({ kind: 'event', id, event, data }),
      onRetry: (retry) => this.items.push({ kind: 'retry', retry }),
      onComment: (comment) => this.items.push({ kind: 'comment', comment: comment.trim() }),
    });
  }

  /**
   * Waits for the next item.
   *
   * @param timeoutMs - how long to wait before failing
   * @returns the item
   * @throws Error when the stream ends or nothing arrives in time
   */
  async next(timeoutMs = 2000): Promise<SseItem> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) return item;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Nothing received on the stream within ${timeoutMs} ms.`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Nothing received on the stream within ${timeoutMs} ms.`)), remaining);
      });
      try {
        const { value, done } = await Promise.race([this.reader.read(), timeout]);
        if (done) throw new Error('The stream ended.');
        this.parser.feed(this.decoder.decode(value, { stream: true }));
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /**
   * Waits for the next `job` event, skipping comments and other fields.
   *
   * @param timeoutMs - how long to wait in total
   * @returns the event id and the parsed job
   */
  async nextJob(timeoutMs = 2000): Promise<JobStreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const item = await this.next(Math.max(1, deadline - Date.now()));
      if (item.kind === 'event' && item.event === 'job' && item.id !== undefined) {
        return { id: Number(item.id), job: JSON.parse(item.data) as JobDto };
      }
    }
  }

  /** Stops reading and closes the connection. */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
