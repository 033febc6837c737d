import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import type { JobDto } from '../dto/job.dto.js';
import { CallerEventLog } from './caller-event-log.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';
import type { JobEventBus, Replay, ReplayRequest } from './job-event-bus.js';

/** Events per page of a replay: small enough that writing one never holds the event loop for long. */
export const REPLAY_PAGE_SIZE = 256;

/** A log being built, and the events published for its caller meanwhile. */
interface Building {
  readonly done: Promise<CallerEventLog | undefined>;
  readonly late: JobEvent[];
}

/**
 * The default {@link JobEventBus}, for a single process.
 *
 * - Ids come from one sequence for all callers, seeded by the clock (1000 per millisecond) and
 *   by the store's highest id, so they are unique and increasing per caller, keep increasing
 *   across a restart, and stay below 2^53 until the year 2255.
 * - A caller gets a replay log when it first opens a stream, built from the store; from then on
 *   every event of the caller replaces its job's entry. Callers that only poll never have one.
 * - All logs together keep at most `EVENT_LOG_MAX_ENTRIES` entries: beyond it the least
 *   recently used logs are dropped and built again on the caller's next stream.
 * - Publishing costs work in proportion to the owner's subscribers only.
 */
@Injectable()
export class InMemoryJobEventBus implements JobEventBus {
  private readonly subscribers = new Map<string, Set<JobEventSubscriber>>();
  /** Replay logs, least recently used first. */
  private readonly logs = new Map<string, CallerEventLog>();
  /** Logs being built, so that a second stream of the caller waits for the same build. */
  private readonly building = new Map<string, Building>();
  private entries = 0;
  private lastId = 0;

  /**
   * @param config - `EVENT_LOG_MAX_ENTRIES` bounds the logs
   * @param clock - seeds the sequence
   */
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** @inheritDoc */
  nextId(): number {
    this.lastId = Math.max(this.clock.now() * 1000, this.lastId + 1);
    return this.lastId;
  }

  /** @inheritDoc */
  seed(lastId: number): void {
    this.lastId = Math.max(this.lastId, lastId);
  }

  /** @inheritDoc */
  publish(callerId: string, job: JobDto, id: number = this.nextId()): JobEvent {
    const event: JobEvent = { id, job };
    const log = this.logs.get(callerId);
    const building = this.building.get(callerId);
    if (building !== undefined) building.late.push(event);
    else if (log !== undefined) {
      this.entries += log.put(event);
      this.use(callerId, log);
    }
    const subscribers = this.subscribers.get(callerId);
    // A copy, so that a subscriber added or removed while delivering does not upset the loop.
    if (subscribers !== undefined) for (const subscriber of [...subscribers]) subscriber.send(event);
    return event;
  }

  /** @inheritDoc */
  subscribe(callerId: string, subscriber: JobEventSubscriber): void {
    let subscribers = this.subscribers.get(callerId);
    if (subscribers === undefined) this.subscribers.set(callerId, (subscribers = new Set()));
    subscribers.add(subscriber);
  }

  /** @inheritDoc */
  async replay(callerId: string, request: ReplayRequest, states: () => AsyncIterable<readonly JobEvent[]>): Promise<Replay> {
    const { lastEventId } = request;
    const ids = request.jobIds === undefined ? undefined : new Set(request.jobIds);
    // An id above every id issued was not issued here (a forged value, another server's).
    const resumed = lastEventId !== undefined && lastEventId <= this.lastId;
    const keep = resumed
      ? (event: JobEvent): boolean => event.id > lastEventId && (ids === undefined || ids.has(event.job.id))
      : (event: JobEvent): boolean => (ids === undefined ? event.job.status === 'pending' : ids.has(event.job.id));
    const log = this.logs.get(callerId) ?? (await this.build(callerId, states));
    if (log === undefined) return { resumed, events: filtered(states(), keep) };
    this.use(callerId, log);
    if (ids !== undefined && !resumed) return { resumed, events: pages(listed(log, ids), () => true) };
    return { resumed, events: pages(log.values(), keep) };
  }

  /** @inheritDoc */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): void {
    const subscribers = this.subscribers.get(callerId);
    subscribers?.delete(subscriber);
    if (subscribers?.size === 0) this.subscribers.delete(callerId);
  }

  /** @inheritDoc */
  forget(callerId: string, jobId: string): void {
    const log = this.logs.get(callerId);
    if (log === undefined || this.building.has(callerId)) return;
    this.entries += log.remove(jobId);
    if (log.size === 0) this.logs.delete(callerId);
  }

  /** @inheritDoc */
  subscriberCount(callerId: string): number {
    return this.subscribers.get(callerId)?.size ?? 0;
  }

  /** Number of callers with a replay log, for tests and diagnostics. */
  get logCount(): number {
    return this.logs.size;
  }

  /** Entries in all replay logs, for tests and diagnostics. */
  get loggedEntries(): number {
    return this.entries;
  }

  /** @inheritDoc */
  closeAll(): void {
    const all = [...this.subscribers.values()].flatMap((subscribers) => [...subscribers]);
    this.subscribers.clear();
    for (const subscriber of all) subscriber.close();
  }

  /** Marks a log as the most recently used, then drops the least recently used ones over the bound. */
  private use(callerId: string, log: CallerEventLog): void {
    this.logs.delete(callerId);
    this.logs.set(callerId, log);
    for (const [oldestId, oldest] of this.logs) {
      if (this.entries <= this.config.eventLogMaxEntries) break;
      this.logs.delete(oldestId);
      this.entries -= oldest.size;
    }
  }

  private async build(callerId: string, states: () => AsyncIterable<readonly JobEvent[]>): Promise<CallerEventLog | undefined> {
    let building = this.building.get(callerId);
    if (building === undefined) {
      const late: JobEvent[] = [];
      building = { late, done: this.fill(callerId, states, late).finally(() => this.building.delete(callerId)) };
      this.building.set(callerId, building);
    }
    return building.done;
  }

  /**
   * Builds a caller's log from its stored states, in id order, then adds the events published
   * meanwhile, which are newer: a stored state never replaces one of them.
   *
   * @returns the log, or `undefined` when the caller alone has more jobs than all logs may hold
   */
  private async fill(callerId: string, states: () => AsyncIterable<readonly JobEvent[]>, late: JobEvent[]): Promise<CallerEventLog | undefined> {
    const log = new CallerEventLog();
    for await (const page of states()) {
      for (const event of page) this.entries += log.put(event);
      if (log.size > this.config.eventLogMaxEntries) {
        this.entries -= log.size;
        return undefined;
      }
    }
    for (const event of late) this.entries += log.put(event);
    this.logs.set(callerId, log);
    this.use(callerId, log);
    return this.logs.get(callerId) === log ? log : undefined;
  }
}

async function* pages(entries: Iterable<JobEvent>, keep: (event: JobEvent) => boolean): AsyncIterable<readonly JobEvent[]> {
  let page: JobEvent[] = [];
  for (const event of entries) {
    if (!keep(event)) continue;
    page.push(event);
    if (page.length === REPLAY_PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function* filtered(source: AsyncIterable<readonly JobEvent[]>, keep: (event: JobEvent) => boolean): AsyncIterable<readonly JobEvent[]> {
  for await (const page of source) {
    const kept = page.filter(keep);
    if (kept.length > 0) yield kept;
  }
}

function listed(log: CallerEventLog, ids: ReadonlySet<string>): JobEvent[] {
  return [...ids].flatMap((id) => log.get(id) ?? []).sort((a, b) => a.id - b.id);
}
