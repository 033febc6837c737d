import { Logger } from '@nestjs/common';
import type { Clock } from '../../common/time/clock.js';
import type { RedisConnections } from '../../common/redis/redis-connections.js';
import type { RedisKeys } from '../../common/redis/redis-keys.js';
import { RedisScript } from '../../common/redis/redis-script.js';
import type { JobDto } from '../dto/job.dto.js';
import { REPLAY_PAGE_SIZE } from './in-memory-job-event-bus.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';
import type { JobEventBus, Replay, ReplayRequest } from './job-event-bus.js';
import { fromStreamId, toStreamId } from './stream-ids.js';

/** Entries one blocking read takes from each stream at most. */
const READ_COUNT = 1000;
/** Longest blocking read; a read is also interrupted whenever this instance follows a new caller. */
const READ_BLOCK_MS = 5000;
/** Pause after a failed read (Redis away), before the next try. */
const READ_RETRY_MS = 200;

// KEYS: event sequence. ARGV: a lower bound (this instance's clock × 1000).
const NEXT_ID = new RedisScript(`
local id = math.max(tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[1]) or '0') + 1)
redis.call('SET', KEYS[1], string.format('%d', id))
return string.format('%d', id)
`);

// KEYS: the caller's stream, its index. ARGV: job id, job JSON, the id asked for, MAXLEN, TTL ms.
// The entry gets the id asked for, or the next one after the stream's last when another
// instance got there first; the job's older entry is deleted: one entry per job.
const APPEND = new RedisScript(`
local id = tonumber(ARGV[3])
local top = tonumber(redis.call('HGET', KEYS[2], '#top') or '0')
if id <= top then id = top + 1 end
local entry = string.format('%d-%d', math.floor(id / 1000), id % 1000)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], entry, 'job', ARGV[2])
local older = redis.call('HGET', KEYS[2], ARGV[1])
if older then redis.call('XDEL', KEYS[1], older) end
redis.call('HSET', KEYS[2], ARGV[1], entry, '#top', string.format('%d', id))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return string.format('%d', id)
`);

/**
 * How long a job's last entry stays in its caller's stream after it was written, even when the
 * job is forgotten sooner (a short `JOB_RETENTION_MS`): an instance busy delivering earlier
 * events must still find a job's final state when it reads on.
 */
export const FORGET_GRACE_MS = 10_000;

// KEYS: the caller's stream, its index. ARGV: job id, the time before which an entry may go.
// An entry written since stays (its index entry goes), and the stream's cap or TTL trims it. A
// stream left empty goes with its index.
const FORGET = new RedisScript(`
local entry = redis.call('HGET', KEYS[2], ARGV[1])
if entry then
  redis.call('HDEL', KEYS[2], ARGV[1])
  if tonumber(string.match(entry, '^(%d+)')) < tonumber(ARGV[2]) then redis.call('XDEL', KEYS[1], entry) end
end
if redis.call('XLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[1], KEYS[2]) end
return 1
`);

/** What this instance follows of a caller: its local subscribers and where its reads are. */
interface Followed {
  readonly subscribers: Set<JobEventSubscriber>;
  /** Settles once `position` is set: a second subscriber waits for it, not to miss an event. */
  readonly ready: Promise<void>;
  /** The id of the last entry delivered (or the stream's last when following began). */
  position: string;
}

/** Options of {@link RedisJobEventBus}. */
export interface RedisJobEventBusOptions {
  /** Entries a caller's stream keeps at most (`XADD MAXLEN ~`): `EVENT_LOG_MAX_ENTRIES`. */
  readonly maxEntries: number;
  /** How long a caller's stream outlives its last event, ms: its jobs' retention, and some. */
  readonly idleTtlMs: number;
}

/**
 * The {@link JobEventBus} of `JOB_STORE=redis`: one Redis stream per caller, shared by every
 * instance, so a stream or long-poll on one instance hears about jobs that others run.
 *
 * - **Ids** come from one Redis sequence, above this instance's clock × 1000, so they carry time
 *   and grow across instances. An entry's stream id `<ms>-<seq>` is the SSE id `ms × 1000 + seq`
 *   (see `stream-ids.ts`): `Last-Event-ID` resumes on whichever instance it reaches.
 * - **Compaction**: appending a job's event deletes its older entry (`XDEL`), so a stream holds
 *   one entry per job, its latest, like the in-memory log; `MAXLEN ~ EVENT_LOG_MAX_ENTRIES`
 *   bounds it besides. A forgotten job's entry goes too, once it is `FORGET_GRACE_MS` old. A
 *   stream lives while its caller has jobs, and expires when idle.
 * - **Replay** reads the stream itself: after `Last-Event-ID` (`XRANGE (<id> +`), or the entries
 *   of pending (or listed) jobs. The stored states are not needed: the stream has every job.
 * - **Live events** reach this instance through one blocking `XREAD` over the streams of the
 *   callers it has subscribers for, on a connection of its own, and are delivered from there,
 *   even those this instance published: one order for everyone.
 */
export class RedisJobEventBus implements JobEventBus {
  private readonly logger = new Logger('RedisJobEventBus');
  private readonly followed = new Map<string, Followed>();
  /** The blocking connection's `CLIENT ID`, to interrupt its read. */
  private blockingClientId: number | undefined;
  /** The callers of the read in progress, if one is. */
  private reading: ReadonlySet<string> | undefined;
  private wakeIdle: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;

  /**
   * @param connections - the command connection and the blocking one
   * @param keys - the key layout
   * @param clock - the lower bound of ids
   * @param options - bounds of the streams
   */
  constructor(
    private readonly connections: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly options: RedisJobEventBusOptions,
  ) {}

  /** @inheritDoc */
  async nextId(): Promise<number> {
    return Number(await NEXT_ID.run(this.connections.commands, [this.keys.eventSequence], [this.clock.now() * 1000]));
  }

  /** Ids come from Redis, above every id issued by any instance: nothing to seed. */
  seed(): void {
    return undefined;
  }

  /** @inheritDoc */
  async publish(callerId: string, job: JobDto, id?: number): Promise<JobEvent> {
    // A progress event (no id) needs no sequence number: only ids of status changes are stored,
    // and the stream keeps ids increasing per caller by itself.
    const asked = id ?? this.clock.now() * 1000;
    const written = await APPEND.run(
      this.connections.commands,
      [this.keys.events(callerId), this.keys.eventIndex(callerId)],
      [job.id, JSON.stringify(job), asked, this.options.maxEntries, this.options.idleTtlMs],
    );
    return { id: Number(written), job };
  }

  /** @inheritDoc */
  async subscribe(callerId: string, subscriber: JobEventSubscriber): Promise<void> {
    const known = this.followed.get(callerId);
    if (known !== undefined) {
      known.subscribers.add(subscriber);
      await known.ready;
      return;
    }
    let settle!: (error?: Error) => void;
    const ready = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    // Awaited by later subscribers only; this one learns of a failure below.
    ready.catch(() => undefined);
    const followed: Followed = { subscribers: new Set([subscriber]), ready, position: '0-0' };
    this.followed.set(callerId, followed);
    try {
      const [last] = await this.connections.commands.xrevrange(this.keys.events(callerId), '+', '-', 'COUNT', 1);
      followed.position = last?.[0] ?? '0-0';
    } catch (error) {
      // Without a position, a read would deliver the caller's whole stream as new: follow nothing.
      if (this.followed.get(callerId) === followed) this.followed.delete(callerId);
      settle(error as Error);
      throw error;
    }
    settle();
    this.follow();
  }

  /** @inheritDoc */
  async replay(callerId: string, request: ReplayRequest): Promise<Replay> {
    const { lastEventId } = request;
    const ids = request.jobIds === undefined ? undefined : new Set(request.jobIds);
    const top = await this.connections.commands.hget(this.keys.eventIndex(callerId), '#top');
    // An id above the stream's last was not issued for this caller (forged, another server's).
    const resumed = lastEventId !== undefined && top !== null && lastEventId <= Number(top);
    const keep = resumed
      ? (event: JobEvent): boolean => ids === undefined || ids.has(event.job.id)
      : (event: JobEvent): boolean => (ids === undefined ? event.job.status === 'pending' : ids.has(event.job.id));
    return { resumed, events: this.read(callerId, resumed ? `(${toStreamId(lastEventId)}` : '-', keep) };
  }

  /** @inheritDoc */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): void {
    const followed = this.followed.get(callerId);
    followed?.subscribers.delete(subscriber);
    if (followed?.subscribers.size === 0) this.followed.delete(callerId);
  }

  /** @inheritDoc */
  async forget(callerId: string, jobId: string): Promise<void> {
    const before = this.clock.now() - FORGET_GRACE_MS;
    await FORGET.run(this.connections.commands, [this.keys.events(callerId), this.keys.eventIndex(callerId)], [jobId, before]);
  }

  /** @inheritDoc */
  closeAll(): void {
    const all = [...this.followed.values()].flatMap((followed) => [...followed.subscribers]);
    this.followed.clear();
    for (const subscriber of all) subscriber.close();
  }

  /** @inheritDoc */
  subscriberCount(callerId: string): number {
    return this.followed.get(callerId)?.subscribers.size ?? 0;
  }

  /** Number of callers this instance follows, for tests and diagnostics. */
  get followedCount(): number {
    return this.followed.size;
  }

  /**
   * Ends the blocking reads: the one in progress is interrupted, or ends when the connections
   * close, whichever comes first (an interruption needs the command connection).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wakeIdle?.();
    await this.interrupt();
  }

  /** A caller's stream from `start` on, a page at a time, kept or not by `keep`. */
  private async *read(callerId: string, start: string, keep: (event: JobEvent) => boolean): AsyncIterable<readonly JobEvent[]> {
    const key = this.keys.events(callerId);
    for (let from = start; ; ) {
      const entries = await this.connections.commands.xrange(key, from, '+', 'COUNT', REPLAY_PAGE_SIZE);
      const page = entries.map(toEvent).filter(keep);
      if (page.length > 0) yield page;
      if (entries.length < REPLAY_PAGE_SIZE) return;
      from = `(${entries.at(-1)?.[0]}`;
    }
  }

  /** Starts the read loop, or makes the read in progress start again with the new caller. */
  private follow(): void {
    if (this.stopped) return;
    if (this.loop === undefined) {
      this.loop = this.readLoop().catch((error: unknown) => {
        this.logger.error({ message: 'event read loop ended' }, error instanceof Error ? error.stack : String(error));
      });
      return;
    }
    this.wakeIdle?.();
    void this.interrupt();
  }

  /**
   * Interrupts a blocking read that does not cover every followed caller. The read's command
   * and the interruption travel on two connections: when the interruption arrives first (the
   * read is not blocked yet), it is sent again.
   */
  private async interrupt(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const reading = this.reading;
      if (reading === undefined || this.blockingClientId === undefined) return;
      if (!this.stopped && [...this.followed.keys()].every((callerId) => reading.has(callerId))) return;
      const unblocked = await this.connections.commands.client('UNBLOCK', this.blockingClientId).catch(() => 0);
      if (unblocked === 1 || this.reading !== reading) return;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  private async readLoop(): Promise<void> {
    const { blocking } = this.connections;
    // A Redis that stays away is logged once, not at every try.
    let failing = false;
    while (!this.stopped && !this.connections.closed) {
      if (this.followed.size === 0) {
        await new Promise<void>((resolve) => (this.wakeIdle = resolve));
        this.wakeIdle = undefined;
        continue;
      }
      const callers = [...this.followed.keys()];
      const positions = callers.map((callerId) => this.followed.get(callerId)?.position ?? '$');
      let answer: [string, [string, string[]][]][] | null;
      try {
        this.blockingClientId ??= Number(await blocking.client('ID'));
        this.reading = new Set(callers);
        answer = (await blocking.xread('COUNT', READ_COUNT, 'BLOCK', READ_BLOCK_MS, 'STREAMS', ...callers.map((id) => this.keys.events(id)), ...positions)) as typeof answer;
      } catch (error) {
        if (this.stopped || this.connections.closed) return;
        // A reconnect gives the connection a new client id.
        this.blockingClientId = undefined;
        if (!failing) this.logger.error({ message: 'reading events failed; retrying until it works', error: (error as Error).message });
        failing = true;
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
        continue;
      } finally {
        this.reading = undefined;
      }
      if (failing) this.logger.log({ message: 'reading events works again' });
      failing = false;
      for (const [key, entries] of answer ?? []) this.deliver(key.slice(this.keys.events('').length), entries);
    }
  }

  private deliver(callerId: string, entries: readonly [string, string[]][]): void {
    const followed = this.followed.get(callerId);
    const last = entries.at(-1);
    if (followed === undefined || last === undefined) return;
    followed.position = last[0];
    for (const entry of entries) {
      const event = toEvent(entry);
      // A copy, so that a subscriber added or removed while delivering does not upset the loop.
      for (const subscriber of [...followed.subscribers]) subscriber.send(event);
    }
  }
}

function toEvent([streamId, fields]: [string, string[]]): JobEvent {
  return { id: fromStreamId(streamId), job: JSON.parse(fields[1] ?? 'null') as JobDto };
}
