/** One block of a `text/event-stream`, as received. */
export interface SseBlock {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly retry?: string;
  readonly comment?: string;
}

/** Reads blocks from an event-stream response, one at a time, with a deadline. */
export class SseReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  /** @param response - a `text/event-stream` response whose body is unread */
  constructor(response: Response) {
    if (response.body === null) throw new TypeError('Expected a response with a body.');
    this.reader = response.body.getReader();
  }

  /**
   * Waits for the next block.
   *
   * @param timeoutMs - how long to wait before failing
   * @returns the block
   */
  async next(timeoutMs = 2000): Promise<SseBlock> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return parseBlock(raw);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No SSE block within ${timeoutMs} ms; buffered: ${JSON.stringify(this.buffer)}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`No SSE block within ${timeoutMs} ms`)), remaining);
      });
      try {
        const { value, done } = await Promise.race([this.reader.read(), timeout]);
        if (done) throw new Error('The stream ended.');
        this.buffer += this.decoder.decode(value, { stream: true });
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /**
   * Waits for the next `job` event, skipping comments and fields without data.
   *
   * @param timeoutMs - how long to wait in total
   * @returns the event id and the parsed job
   */
  async nextJob(timeoutMs = 2000): Promise<{ id: number; job: { id: string; status: string; progress: number } }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const block = await this.next(Math.max(1, deadline - Date.now()));
      if (block.event === 'job' && block.data !== undefined && block.id !== undefined) {
        return { id: Number(block.id), job: JSON.parse(block.data) as { id: string; status: string; progress: number } };
      }
    }
  }

  /** Stops reading and closes the connection. */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

function parseBlock(raw: string): SseBlock {
  const block: Record<string, string> = {};
  for (const line of raw.split('\n')) {
    if (line.startsWith(':')) block['comment'] = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      block[field] = field === 'data' && block['data'] !== undefined ? `${block['data']}\n${value}` : value;
    }
  }
  return block;
}
