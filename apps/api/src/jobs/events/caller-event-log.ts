import type { JobEvent } from './job-event.js';

/**
 * A caller's event sequence: issues ids and keeps the newest `limit` events for `Last-Event-ID`
 * replay.
 *
 * Ids start above `firstId`; the event bus derives it from the clock so that ids keep increasing for a
 * caller even when its log is dropped and rebuilt, or the server restarts.
 */
export class CallerEventLog {
  /** Grows by doubling up to `limit`, so that a caller with few events costs few slots. */
  private ring: Array<JobEvent | undefined> = [];
  private start = 0;
  private size = 0;
  private lastId: number;
  /** Replay after an id below this is impossible: events in between were evicted or never existed here. */
  private floor: number;

  /**
   * @param limit - how many events to keep; 0 keeps none
   * @param firstId - ids issued are above this number
   */
  constructor(
    private readonly limit: number,
    firstId: number,
  ) {
    this.lastId = firstId;
    this.floor = firstId;
  }

  /** Number of events kept. */
  get length(): number {
    return this.size;
  }

  /**
   * Issues an id for an event that is not kept, such as a snapshot sent to one connection.
   *
   * @returns the new id
   */
  issueId(): number {
    return ++this.lastId;
  }

  /**
   * Issues an id for an event and keeps the event, evicting the oldest one when full.
   *
   * @param build - makes the event from its id
   * @returns the event
   */
  append(build: (id: number) => JobEvent): JobEvent {
    const event = build(this.issueId());
    if (this.limit === 0) {
      this.floor = event.id;
      return event;
    }
    if (this.size === this.ring.length && this.size < this.limit) this.grow();
    if (this.size === this.limit) {
      this.floor = this.ring[this.start]?.id ?? this.floor;
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.limit;
    } else {
      this.ring[(this.start + this.size) % this.ring.length] = event;
      this.size += 1;
    }
    return event;
  }

  /**
   * The kept events after `lastEventId`, if the log still covers everything after it.
   *
   * @param lastEventId - the last id the client received
   * @returns the events in order, or `undefined` when some were evicted or the id was never
   *   issued by this log (an earlier server run, a forged value)
   */
  since(lastEventId: number): JobEvent[] | undefined {
    if (lastEventId < this.floor || lastEventId > this.lastId) return undefined;
    const events: JobEvent[] = [];
    for (let i = 0; i < this.size; i += 1) {
      const event = this.ring[(this.start + i) % this.ring.length];
      if (event !== undefined && event.id > lastEventId) events.push(event);
    }
    return events;
  }

  private grow(): void {
    const grown = new Array<JobEvent | undefined>(Math.min(this.limit, Math.max(8, this.ring.length * 2)));
    for (let i = 0; i < this.size; i += 1) grown[i] = this.ring[(this.start + i) % this.ring.length];
    this.ring = grown;
    this.start = 0;
  }
}
