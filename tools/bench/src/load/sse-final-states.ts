import { isTerminalStatus, type Job } from '@heygen-mock/contracts';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** A job's final state as one stream delivered it, and when. */
export interface FinalStateArrival {
  /** When the chunk that completed the event arrived, ms, from the clock given to {@link SseFinalStates.feed}. */
  readonly receivedAt: number;
  /** The job's planned completion as the event carries it, epoch ms. */
  readonly expectedCompletionAt: number;
  readonly status: Job['status'];
}

/**
 * Notes when the final state of each job arrived on one SSE stream, for the question "how long
 * after its planned completion did the watcher hear that a job ended?". It parses each event (no
 * I/O; the connection feeds it chunks with their arrival time) and keeps the first final state
 * of each job; pending states and repeated final states are passed over.
 */
export class SseFinalStates {
  private readonly arrivals = new Map<string, FinalStateArrival>();
  private readonly parser: EventSourceParser = createParser({ onEvent: (event) => this.accept(event) });
  private chunkAt = 0;

  /** @param onFinal - called once per job, when its first final state arrives */
  constructor(private readonly onFinal?: (jobId: string, arrival: FinalStateArrival) => void) {}

  /** Jobs whose final state arrived. */
  get size(): number {
    return this.arrivals.size;
  }

  /**
   * Consumes the next chunk of the stream.
   *
   * @param chunk - text as received
   * @param receivedAt - the time of arrival, ms
   */
  feed(chunk: string, receivedAt: number): void {
    this.chunkAt = receivedAt;
    this.parser.feed(chunk);
  }

  /**
   * @param jobId - a job id
   * @returns the arrival of the job's final state, or `undefined` when none arrived
   */
  get(jobId: string): FinalStateArrival | undefined {
    return this.arrivals.get(jobId);
  }

  private accept(event: EventSourceMessage): void {
    if (event.event !== 'job') return;
    const job = JSON.parse(event.data) as Pick<Job, 'id' | 'status' | 'expectedCompletionAt'>;
    if (!isTerminalStatus(job.status) || this.arrivals.has(job.id)) return;
    const arrival: FinalStateArrival = { receivedAt: this.chunkAt, expectedCompletionAt: Date.parse(job.expectedCompletionAt), status: job.status };
    this.arrivals.set(job.id, arrival);
    this.onFinal?.(job.id, arrival);
  }
}
