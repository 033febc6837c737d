import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import type { JobDto } from '../dto/job.dto.js';
import { CallerEventLog } from './caller-event-log.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';
import type { JobEventBus, Replay, ReplayRequest } from './job-event-bus.js';

/** Events per page of a replay: small enough that writing one never holds the event loop for long. */
export const REPLAY_PAGE_SIZE = 256;

/**
 * The default {@link JobEventBus}, for a single process.
 *
 * - Ids come from one sequence for all callers, seeded by the clock (1000 per millisecond), so
 *   they are unique and increasing per caller, keep increasing across a restart, and stay
 *   below 2^53 until the year 2255.
 * - A caller gets a replay log when it first opens a stream, built from the store; from then on
 *   every event of the caller replaces its job's entry. Callers that only poll never have one.
 * - All logs together keep at most `EVENT_LOG_MAX_ENTRIES` entries: beyond it the least
 *   recently used logs are dropped, and those callers' next streams start with a snapshot.
 * - Publishing costs work in proportion to the owner's subscribers only.
 */
@Injectable()
export class InMemoryJobEventBus implements JobEventBus {
  private readonly subscribers = new Map<string, Set<JobEventSubscriber>>();
  /** Replay logs, least recently used first. */
  private readonly logs = new Map<string, CallerEventLog>();
  /** Logs being built, so that a second stream of the caller waits for the same build. */
  private readonly building = new Map<string, Promise<CallerEventLog | undefined>>();
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
  publish(callerId: string, job: JobDto): JobEvent {
    const event: JobEvent = { id: this.issueId(), job };
    const log = this.logs.get(callerId);
    if (log !== undefined) {
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
  async replay(callerId: string, request: ReplayRequest, states: () => AsyncIterable<readonly JobDto[]>): Promise<Replay> {
    const { lastEventId } = request;
    const ids = request.jobIds === undefined ? undefined : new Set(request.jobIds);
    const existing = this.logs.get(callerId) ?? (await this.building.get(callerId));
    if (existing !== undefined && lastEventId !== undefined && lastEventId >= existing.floor && lastEventId <= this.lastId) {
      this.use(callerId, existing);
      return { resumed: true, events: pages(existing.values(), (event) => event.id > lastEventId && (ids === undefined || ids.has(event.job.id))) };
    }
    const log = existing ?? (await this.build(callerId, states));
    if (log === undefined) return { resumed: false, events: this.freshSnapshot(states, ids) };
    return { resumed: false, events: ids === undefined ? pages(log.values(), (event) => event.job.status === 'pending') : listed(log, ids) };
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
    if (log === undefined) return;
    this.entries += log.remove(jobId);
    if (log.size === 0 && !this.building.has(callerId)) this.logs.delete(callerId);
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

  private issueId(): number {
    this.lastId = Math.max(this.clock.now() * 1000, this.lastId + 1);
    return this.lastId;
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

  private build(callerId: string, states: () => AsyncIterable<readonly JobDto[]>): Promise<CallerEventLog | undefined> {
    let built = this.building.get(callerId);
    if (built === undefined) {
      built = this.fill(callerId, states).finally(() => this.building.delete(callerId));
      this.building.set(callerId, built);
    }
    return built;
  }

  /**
   * Starts a log and fills it with the caller's current states under fresh ids. Events
   * published meanwhile go into the log as usual and are newer than what the store showed, so
   * a state read from the store never replaces an entry.
   *
   * @returns the log, or `undefined` when it was dropped because the caller alone has more
   *   jobs than all logs may hold
   */
  private async fill(callerId: string, states: () => AsyncIterable<readonly JobDto[]>): Promise<CallerEventLog | undefined> {
    const log = new CallerEventLog(this.lastId);
    this.logs.set(callerId, log);
    for await (const page of states()) {
      if (this.logs.get(callerId) !== log) return undefined;
      for (const job of page) this.entries += log.putIfAbsent({ id: this.issueId(), job });
      this.use(callerId, log);
    }
    return this.logs.get(callerId) === log ? log : undefined;
  }

  /** A snapshot straight from the store, for a caller without a log; a reconnect cannot resume inside it. */
  private async *freshSnapshot(states: () => AsyncIterable<readonly JobDto[]>, ids: ReadonlySet<string> | undefined): AsyncIterable<readonly JobEvent[]> {
    for await (const page of states()) {
      const events = page.filter((job) => (ids === undefined ? job.status === 'pending' : ids.has(job.id))).map((job) => ({ id: this.issueId(), job }));
      if (events.length > 0) yield events;
    }
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

function listed(log: CallerEventLog, ids: ReadonlySet<string>): AsyncIterable<readonly JobEvent[]> {
  const events = [...ids].flatMap((id) => log.get(id) ?? []).sort((a, b) => a.id - b.id);
  return pages(events, () => true);
}
