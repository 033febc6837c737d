import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import type { JobDto } from '../dto/job.dto.js';
import { formatSseEvent } from '../sse/sse-format.js';
import { CallerEventLog } from './caller-event-log.js';
import type { JobEvent, JobEventSubscriber } from './job-event.js';

interface CallerChannel {
  readonly log: CallerEventLog;
  readonly subscribers: Set<JobEventSubscriber>;
}

/** What a new subscriber receives before live events. */
export interface SubscriptionStart {
  /** Events to write first, in order: a replay, or a snapshot of current states. */
  readonly initial: JobEvent[];
  /** `true` when `initial` replays the log, `false` when it is a snapshot. */
  readonly replayed: boolean;
}

/**
 * Fans job events out by caller. Each caller has its own event log and its own set of
 * subscribers, so publishing an event costs work in proportion to that caller's connections
 * only, and the event is framed once whatever their number.
 */
@Injectable()
export class JobEventHub {
  private readonly channels = new Map<string, CallerChannel>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records a job's new state in its owner's log and delivers it to the owner's subscribers.
   *
   * @param callerId - the job's owner
   * @param job - the state to publish
   */
  publish(callerId: string, job: JobDto): void {
    const channel = this.channel(callerId);
    const event = channel.log.append((id) => frameJob(id, job));
    for (const subscriber of channel.subscribers) subscriber.send(event);
  }

  /**
   * Registers a subscriber and, in the same synchronous step, works out what it must receive
   * first, so that no event can fall between the two.
   *
   * @param callerId - the subscribing caller
   * @param subscriber - receives live events from now on
   * @param lastEventId - the reconnecting client's last id, if any
   * @param snapshot - current states to send when there is nothing to replay from
   * @returns the initial events
   */
  subscribe(
    callerId: string,
    subscriber: JobEventSubscriber,
    lastEventId: number | undefined,
    snapshot: () => readonly JobDto[],
  ): SubscriptionStart {
    const channel = this.channel(callerId);
    channel.subscribers.add(subscriber);
    const replay = lastEventId === undefined ? undefined : channel.log.since(lastEventId);
    if (replay !== undefined) return { initial: replay, replayed: true };
    // Snapshot events get ids from the caller's sequence but stay out of the log: they describe
    // states already logged, and another connection replaying them would learn nothing new.
    return { initial: snapshot().map((job) => frameJob(channel.log.issueId(), job)), replayed: false };
  }

  /**
   * Removes a subscriber; a closed connection leaves nothing behind.
   *
   * @param callerId - the caller it subscribed as
   * @param subscriber - the subscriber to remove
   */
  unsubscribe(callerId: string, subscriber: JobEventSubscriber): void {
    this.channels.get(callerId)?.subscribers.delete(subscriber);
  }

  /**
   * Forgets a caller that has no jobs left, unless it still has subscribers.
   *
   * @param callerId - the caller
   */
  release(callerId: string): void {
    const channel = this.channels.get(callerId);
    if (channel !== undefined && channel.subscribers.size === 0) this.channels.delete(callerId);
  }

  /**
   * Number of live subscribers of a caller, for tests and diagnostics.
   *
   * @param callerId - the caller
   * @returns the count
   */
  subscriberCount(callerId: string): number {
    return this.channels.get(callerId)?.subscribers.size ?? 0;
  }

  /** Number of callers with a channel, for tests and diagnostics. */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Ends every subscription, so that the HTTP server can close during shutdown. */
  closeAll(): void {
    for (const channel of this.channels.values()) {
      for (const subscriber of [...channel.subscribers]) subscriber.close();
      channel.subscribers.clear();
    }
  }

  private channel(callerId: string): CallerChannel {
    let channel = this.channels.get(callerId);
    if (channel === undefined) {
      // Ids derive from the clock (1000 per millisecond) so that they keep increasing for a
      // caller across a rebuilt log or a restart; they stay below 2^53 until the year 2255.
      channel = { log: new CallerEventLog(this.config.sseReplayLimit, this.clock.now() * 1000), subscribers: new Set() };
      this.channels.set(callerId, channel);
    }
    return channel;
  }
}

function frameJob(id: number, job: JobDto): JobEvent {
  return { id, jobId: job.id, frame: formatSseEvent({ id: String(id), event: 'job', data: JSON.stringify(job) }) };
}
