import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Clock, TimerHandle } from '../../common/time/clock.js';
import type { RedisKeys } from '../../common/redis/redis-keys.js';
import { RedisScript } from '../../common/redis/redis-script.js';
import type { DueWork, JobScheduler } from './job-scheduler.js';

/** How long an instance holds a claimed step before another may run it: its lease, ms. */
export const LEASE_MS = 1000;
/** How often an instance looks for due work when it expects none sooner, ms. */
export const IDLE_POLL_MS = 200;
/** Steps claimed at once. */
const CLAIM_BATCH = 200;

// KEYS: due. ARGV: now, lease score, batch size. Claims due jobs by moving them to the lease's
// score, and returns them with the score of the earliest entry left.
const CLAIM = new RedisScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, jobId in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], jobId) end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { due, first[2] or '' }
`);

// KEYS: due. ARGV: job id, lease score. Drops a claim that its step did not replace.
const RELEASE = new RedisScript(`
if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '-1') == tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
`);

/**
 * The {@link JobScheduler} of `JOB_STORE=redis`, shared by every instance: one sorted set of
 * job ids by due time (epoch ms, a whole number).
 *
 * An instance claims due jobs atomically (a Lua script): a claim moves the job's score to the
 * end of a lease, `LEASE_MS` ahead, plus half a millisecond so that it is never a due time. Its
 * step then sets the next due time, or the claim is released when there is none. So every step
 * runs on one instance, and when an instance dies, the jobs it had claimed come due again when
 * their lease ends and the others run them: at most `LEASE_MS` + `IDLE_POLL_MS` late. A step
 * that outlives its lease may run twice; the store lets only one end a job.
 *
 * Each instance wakes for the earliest due time it knows of (its own schedules, and the earliest
 * entry seen at each claim) and at least every `IDLE_POLL_MS`. The set outlives the instances:
 * a starting instance only adds the pending jobs that have no entry (`scheduleIfAbsent`). Due times are compared with each instance's clock: keep
 * the clocks of a deployment in sync (NTP), as any lease needs.
 */
export class RedisJobScheduler implements JobScheduler {
  readonly shared = true;
  private readonly logger = new Logger('RedisJobScheduler');
  private work: DueWork | undefined;
  private timer: TimerHandle | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private claiming: Promise<void> | undefined;
  private claimAgain = false;
  private readonly running = new Set<Promise<void>>();
  /** Whether the last claim failed: a Redis that stays away is logged once, not at every poll. */
  private failing = false;

  /**
   * @param redis - the command connection
   * @param keys - the key layout
   * @param clock - time and timers
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
  ) {}

  /** @inheritDoc */
  start(work: DueWork): void {
    this.work = work;
    this.wake(this.clock.now());
  }

  /** @inheritDoc */
  async schedule(jobId: string, dueAt: number): Promise<void> {
    // Written even after `stop()`: the job is then run by another instance.
    await this.redis.zadd(this.keys.due, Math.ceil(dueAt), jobId);
    this.wake(dueAt);
  }

  /** @inheritDoc */
  async scheduleIfAbsent(jobId: string, dueAt: number): Promise<boolean> {
    const added = await this.redis.zadd(this.keys.due, 'NX', Math.ceil(dueAt), jobId);
    if (added === 1) this.wake(dueAt);
    return added === 1;
  }

  /** @inheritDoc */
  async cancel(jobId: string): Promise<void> {
    await this.redis.zrem(this.keys.due, jobId);
  }

  /** @inheritDoc */
  async stop(): Promise<void> {
    this.work = undefined;
    this.timer?.cancel();
    this.timer = undefined;
    await this.claiming;
    // Steps in progress finish, so that their writes are not cut by the connection's close.
    await Promise.allSettled([...this.running]);
  }

  /** Makes sure this instance looks for due work at `at` at the latest. */
  private wake(at: number): void {
    if (this.work === undefined || at >= this.wakeAt) return;
    this.timer?.cancel();
    this.wakeAt = at;
    this.timer = this.clock.setTimer(() => this.claim(), Math.max(0, at - this.clock.now()));
  }

  private claim(): void {
    this.timer = undefined;
    this.wakeAt = Number.POSITIVE_INFINITY;
    if (this.claiming !== undefined) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimDue()
      .then(() => {
        if (this.failing) this.logger.log({ message: 'claiming due steps works again' });
        this.failing = false;
      })
      .catch((error: unknown) => {
        if (!this.failing) this.logger.error({ message: 'claiming due steps failed; retrying until it works' }, error instanceof Error ? error.stack : String(error));
        this.failing = true;
        this.wake(this.clock.now() + IDLE_POLL_MS);
      })
      .finally(() => {
        this.claiming = undefined;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.wake(this.clock.now());
        }
      });
  }

  private async claimDue(): Promise<void> {
    for (;;) {
      const work = this.work;
      if (work === undefined) return;
      const now = this.clock.now();
      const lease = now + LEASE_MS + 0.5;
      const [due, first] = (await CLAIM.run(this.redis, [this.keys.due], [now, lease, CLAIM_BATCH])) as [string[], string];
      for (const jobId of due) this.run(work, jobId, lease);
      if (due.length < CLAIM_BATCH) {
        const next = first === '' ? Number.POSITIVE_INFINITY : Number(first);
        this.wake(Math.min(next, this.clock.now() + IDLE_POLL_MS));
        return;
      }
    }
  }

  private run(work: DueWork, jobId: string, lease: number): void {
    const step = work(jobId)
      .catch((error: unknown) => {
        this.logger.error({ message: 'job step failed', jobId }, error instanceof Error ? error.stack : String(error));
      })
      .then(async () => {
        await RELEASE.run(this.redis, [this.keys.due], [jobId, lease]);
      })
      .catch((error: unknown) => {
        // The claim then ends with its lease, and the step runs again.
        this.logger.warn({ message: 'releasing a claim failed', jobId, error: (error as Error).message });
      })
      .finally(() => this.running.delete(step));
    this.running.add(step);
  }
}
