import { Inject, Injectable } from '@nestjs/common';
import { type Awaitable, isPromiseLike } from '../../common/async/awaitable.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import type { JobDto } from '../dto/job.dto.js';
import { formatSseEvent } from '../sse/sse-format.js';
import { CallerEventLog } from './caller-event-log.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';
import type { JobEventBus, SubscriptionStart } from './job-event-bus.js';

interface CallerChannel {
  readonly log: CallerEventLog;
  /** Each subscriber with the events held back while its snapshot is read; `undefined` once live. */
  readonly subscribers: Map<JobEventSubscriber, JobEvent[] | undefined>;
}

/**
 * The default {@link JobEventBus}, for a single process. Each caller has its own event log and
 * its own subscribers, so publishing an event costs work in proportion to that caller's
 * connections only, and the event is framed once whatever their number.
 */
@Injectable()
export class InMemoryJobEventBus implements JobEventBus {
  private readonly channels = new Map<string, CallerChannel>();

  /**
   * @param config - `SSE_REPLAY_LIMIT` bounds each caller's log
   * @param clock - seeds each caller's sequence
   */
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** @inheritDoc */
  publish(callerId: string, job: JobDto): void {
    const channel = this.channel(callerId);
    const event = channel.log.append((id) => frameJob(id, job));
    // A copy, so that a subscriber added while delivering does not get an event its start covers.
    for (const [subscriber, held] of [...channel.subscribers]) {
      if (held === undefined) subscriber.send(event);
      else held.push(event);
    }
  }

  /**
   * Registers a subscriber and works out what it must receive first (see
   * {@link JobEventBus.subscribe}). A replay, and a snapshot read synchronously, are decided in the
   * same synchronous step as the registration, so no event can fall between them. While an
   * asynchronous snapshot is read, live events are held back and follow it.
   *
   * @param callerId - the subscribing caller
   * @param subscriber - receives live events
   * @param lastEventId - the reconnecting client's last id, if any
   * @param snapshot - reads the current states to send when there is nothing to replay
   * @returns the initial events; synchronously unless the snapshot is read asynchronously
   */
  subscribe(
    callerId: string,
    subscriber: JobEventSubscriber,
    lastEventId: number | undefined,
    snapshot: () => Awaitable<readonly JobDto[]>,
  ): Awaitable<SubscriptionStart> {
    const channel = this.channel(callerId);
    const replay = lastEventId === undefined ? undefined : channel.log.since(lastEventId);
    if (replay !== undefined) {
      channel.subscribers.set(subscriber, undefined);
      return { initial: replay, replayed: true };
    }
    const held: JobEvent[] = [];
    channel.subscribers.set(subscriber, held);
    const goLive = (jobs: readonly JobDto[]): SubscriptionStart => {
      const initial = frameSnapshot(channel.log, jobs, held);
      // Unless it was unsubscribed or closed meanwhile.
      if (channel.subscribers.get(subscriber) === held) channel.subscribers.set(subscriber, undefined);
      return { initial, replayed: false };
    };
    const giveUp = (error: unknown): never => {
      if (channel.subscribers.get(subscriber) === held) channel.subscribers.delete(subscriber);
      throw error;
    };
    try {
      const jobs = snapshot();
      return isPromiseLike(jobs) ? jobs.then(goLive, giveUp) : goLive(jobs);
    } catch (error) {
      return giveUp(error);
    }
  }

  /** @inheritDoc */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): void {
    this.channels.get(callerId)?.subscribers.delete(subscriber);
  }

  /** @inheritDoc */
  release(callerId: string): void {
    const channel = this.channels.get(callerId);
    if (channel !== undefined && channel.subscribers.size === 0) this.channels.delete(callerId);
  }

  /** @inheritDoc */
  subscriberCount(callerId: string): number {
    return this.channels.get(callerId)?.subscribers.size ?? 0;
  }

  /** Number of callers with a sequence and log, for tests and diagnostics. */
  get channelCount(): number {
    return this.channels.size;
  }

  /** @inheritDoc */
  closeAll(): void {
    for (const channel of this.channels.values()) {
      const subscribers = [...channel.subscribers.keys()];
      channel.subscribers.clear();
      for (const subscriber of subscribers) subscriber.close();
    }
  }

  private channel(callerId: string): CallerChannel {
    let channel = this.channels.get(callerId);
    if (channel === undefined) {
      // Ids derive from the clock (1000 per millisecond) so that they keep increasing for a
      // caller across a rebuilt log or a restart; they stay below 2^53 until the year 2255.
      channel = { log: new CallerEventLog(this.config.sseReplayLimit, this.clock.now() * 1000), subscribers: new Map() };
      this.channels.set(callerId, channel);
    }
    return channel;
  }
}

/**
 * Frames a snapshot under fresh ids. Snapshot events stay out of the log: they describe states
 * already logged, and another connection replaying them would learn nothing new. Events held back
 * while the snapshot was read may be newer than what it saw, yet their ids are below the
 * snapshot's; they follow it under fresh ids, so that the stream stays in id order and ends on
 * the latest state.
 */
function frameSnapshot(log: CallerEventLog, jobs: readonly JobDto[], held: readonly JobEvent[]): JobEvent[] {
  const initial = jobs.map((job) => frameJob(log.issueId(), job));
  for (const event of held) initial.push(frameJob(log.issueId(), event.job));
  return initial;
}

function frameJob(id: number, job: JobDto): JobEvent {
  return { id, jobId: job.id, job, frame: formatSseEvent({ id: String(id), event: 'job', data: JSON.stringify(job) }) };
}
