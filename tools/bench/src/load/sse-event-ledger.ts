import { isTerminalStatus, type Job } from '@heygen-mock/contracts';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** What one stream delivered of the jobs it was expected to deliver. */
export interface LedgerTally {
  /** Expected jobs whose final state arrived (once or more). */
  readonly delivered: number;
  /** Expected jobs whose final state never arrived. */
  readonly lost: number;
}

/**
 * Keeps the account of one SSE stream, across its reconnects, for the question "did every
 * job's final state arrive, exactly once?": it parses each event (no I/O; the connection feeds
 * it), remembers the last event id to resume from, counts final states per job, and counts
 * as duplicate an event whose id is not above the previous one or a final state that arrived
 * before. Heavier than the line tracker, so only the soak's streams keep one.
 */
export class SseEventLedger {
  /** Events received in all, duplicates included. */
  events = 0;
  /** Events received again (see the class description). */
  duplicates = 0;
  /** The id of the last event accepted, for `Last-Event-ID`; 0 before the first. */
  lastEventId = 0;
  private readonly finals = new Map<string, number>();
  private readonly parser: EventSourceParser = createParser({ onEvent: (event) => this.accept(event) });

  /**
   * Consumes the next chunk of the stream.
   *
   * @param chunk - text as received
   */
  feed(chunk: string): void {
    this.parser.feed(chunk);
  }

  /** Forgets a partial event: the connection it came on is gone, and a new one starts clean. */
  restart(): void {
    this.parser.reset();
  }

  /**
   * Compares the final states received with the jobs expected.
   *
   * @param jobIds - the jobs whose final state this stream should have delivered
   * @returns how many did arrive and how many did not
   */
  tally(jobIds: Iterable<string>): LedgerTally {
    let delivered = 0;
    let lost = 0;
    for (const id of jobIds) {
      if ((this.finals.get(id) ?? 0) > 0) delivered++;
      else lost++;
    }
    return { delivered, lost };
  }

  private accept(event: EventSourceMessage): void {
    if (event.event !== 'job') return;
    this.events++;
    const id = Number(event.id);
    // [spec] ids only grow on one caller's stream; one not above the last was sent before.
    if (!(id > this.lastEventId)) {
      this.duplicates++;
      return;
    }
    this.lastEventId = id;
    const job = JSON.parse(event.data) as Pick<Job, 'id' | 'status'>;
    if (!isTerminalStatus(job.status)) return;
    const seen = (this.finals.get(job.id) ?? 0) + 1;
    this.finals.set(job.id, seen);
    if (seen > 1) this.duplicates++;
  }
}
