import type { Redis } from 'ioredis';
import type { Clock } from '../../../common/time/clock.js';
import type { RedisKeys } from '../../../common/redis/redis-keys.js';
import { RedisScript } from '../../../common/redis/redis-script.js';
import type { JobOutcome, JobStatus } from '../../dto/job-status.js';
import type { JobRecord } from '../../job-record.js';
import type { JobStore } from '../job-store.js';

/**
 * How long after its retention a finished job's hash expires by itself. The jobs service
 * deletes it at the end of its retention; the TTL only cleans up after a deployment that was
 * entirely stopped then.
 */
export const EXPIRY_GRACE_MS = 60_000;

/** Fields of a job's hash, for `HSET`: the record's fields that are set. */
function toFields(record: JobRecord): string[] {
  const fields = [
    'owner_id', record.ownerId,
    'outcome', record.outcome,
    'created_at', String(record.createdAt),
    'expected_completion_at', String(record.expectedCompletionAt),
    'status', record.status,
    'event_id', String(record.eventId),
  ];
  if (record.completedAt !== null) fields.push('completed_at', String(record.completedAt));
  if (record.error !== null) fields.push('error_code', record.error.code, 'error_message', record.error.message);
  return fields;
}

function toRecord(id: string, hash: Record<string, string>): JobRecord | undefined {
  if (hash['owner_id'] === undefined) return undefined;
  return {
    id,
    ownerId: hash['owner_id'],
    outcome: hash['outcome'] as JobOutcome,
    createdAt: Number(hash['created_at']),
    expectedCompletionAt: Number(hash['expected_completion_at']),
    status: hash['status'] as JobStatus,
    completedAt: hash['completed_at'] === undefined ? null : Number(hash['completed_at']),
    error: hash['error_code'] === undefined ? null : { code: hash['error_code'], message: hash['error_message'] ?? '' },
    eventId: Number(hash['event_id']),
  };
}

// KEYS: job, owner's jobs, all jobs, pending counts, last event id.
// ARGV: id, owner, status, event id, forget-at (ms; unused while pending), then HSET's fields.
const INSERT = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if ARGV[3] == 'pending' then
  redis.call('ZADD', KEYS[3], '+inf', ARGV[1])
  redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
else
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  redis.call('PEXPIREAT', KEYS[1], ARGV[5])
end
if tonumber(ARGV[4]) > tonumber(redis.call('GET', KEYS[5]) or '0') then redis.call('SET', KEYS[5], ARGV[4]) end
return 1
`);

// Same KEYS and ARGV as INSERT. Only a pending job changes.
const UPDATE = new RedisScript(`
if redis.call('HGET', KEYS[1], 'status') ~= 'pending' then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if ARGV[3] ~= 'pending' then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  redis.call('PEXPIREAT', KEYS[1], ARGV[5])
  if redis.call('HINCRBY', KEYS[4], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[4], ARGV[2]) end
end
if tonumber(ARGV[4]) > tonumber(redis.call('GET', KEYS[5]) or '0') then redis.call('SET', KEYS[5], ARGV[4]) end
return 1
`);

// KEYS: job, all jobs, pending counts. ARGV: id, the prefix of owners' job sets.
const DELETE = new RedisScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
local job = redis.call('HMGET', KEYS[1], 'owner_id', 'status')
if not job[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', ARGV[2] .. job[1], ARGV[1])
if job[2] == 'pending' and redis.call('HINCRBY', KEYS[3], job[1], -1) <= 0 then redis.call('HDEL', KEYS[3], job[1]) end
return 1
`);

// KEYS: all jobs. ARGV: now. Forgets the jobs whose hash expired by itself, then counts.
const SIZE = new RedisScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])
`);

/**
 * The shared {@link JobStore} of `JOB_STORE=redis`: every instance on the same Redis sees the
 * same jobs.
 *
 * - A job is a hash (`job:<id>`); a finished one expires by itself `JOB_RETENTION_MS` plus a
 *   minute after it ended, in case no instance is left to delete it on time.
 * - An owner's jobs are a sorted set by the event id of their last status change, so that a
 *   replay reads them in that order, a page at a time.
 * - Counts for the quotas: pending jobs per owner in one hash; all jobs in a sorted set by the
 *   time they may be forgotten, which also forgets jobs whose hash expired.
 * - Every write is one Lua script, so the hash, the indexes and the counts change together, and
 *   an update applies only to a pending job: when two instances end the same job, one wins.
 */
export class RedisJobStore implements JobStore {
  /**
   * @param redis - the command connection
   * @param keys - the key layout
   * @param retentionMs - `JOB_RETENTION_MS`
   * @param clock - the time, for the count of jobs
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly retentionMs: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** @inheritDoc */
  async insert(record: JobRecord): Promise<void> {
    if ((await this.write(INSERT, record)) === 0) throw new Error(`Job ${record.id} is already stored.`);
  }

  /** @inheritDoc */
  async get(id: string): Promise<JobRecord | undefined> {
    return toRecord(id, await this.redis.hgetall(this.keys.job(id)));
  }

  /** @inheritDoc */
  async update(record: JobRecord): Promise<boolean> {
    return (await this.write(UPDATE, record)) === 1;
  }

  /** @inheritDoc */
  async delete(id: string): Promise<void> {
    await DELETE.run(this.redis, [this.keys.job(id), this.keys.allJobs, this.keys.pendingCounts], [id, this.keys.ownerJobs('')]);
  }

  /** @inheritDoc */
  async *pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]> {
    const key = this.keys.ownerJobs(ownerId);
    let after = '-inf';
    for (;;) {
      const idsAndScores = await this.redis.zrangebyscore(key, after, '+inf', 'WITHSCORES', 'LIMIT', 0, pageSize);
      const ids = idsAndScores.filter((_, index) => index % 2 === 0);
      if (ids.length > 0) {
        const records = await this.read(ids);
        // Hashes that expired by themselves leave their id behind: forget it now.
        const gone = ids.filter((_, index) => records[index] === undefined);
        if (gone.length > 0) await this.redis.zrem(key, ...gone);
        const page = records.filter((record) => record !== undefined);
        if (page.length > 0) yield page;
      }
      if (ids.length < pageSize) return;
      after = `(${idsAndScores.at(-1)}`;
    }
  }

  /** @inheritDoc */
  async *pages(pageSize: number): AsyncIterable<readonly JobRecord[]> {
    for (let start = 0; ; start += pageSize) {
      const ids = await this.redis.zrange(this.keys.allJobs, start, start + pageSize - 1);
      const page = (await this.read(ids)).filter((record) => record !== undefined);
      if (page.length > 0) yield page;
      if (ids.length < pageSize) return;
    }
  }

  /** @inheritDoc */
  async lastEventId(): Promise<number> {
    return Number((await this.redis.get(this.keys.lastEventId)) ?? 0);
  }

  /** @inheritDoc */
  async countPending(ownerId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.pendingCounts, ownerId)) ?? 0);
  }

  /** @inheritDoc */
  async size(): Promise<number> {
    return Number(await SIZE.run(this.redis, [this.keys.allJobs], [this.clock.now()]));
  }

  /** @inheritDoc */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  private async write(script: RedisScript, record: JobRecord): Promise<unknown> {
    const { keys } = this;
    const forgetAt = (record.completedAt ?? 0) + this.retentionMs + EXPIRY_GRACE_MS;
    return script.run(
      this.redis,
      [keys.job(record.id), keys.ownerJobs(record.ownerId), keys.allJobs, keys.pendingCounts, keys.lastEventId],
      [record.id, record.ownerId, record.status, record.eventId, forgetAt, ...toFields(record)],
    );
  }

  /** Reads jobs in one round trip (the command connection pipelines them). */
  private async read(ids: readonly string[]): Promise<(JobRecord | undefined)[]> {
    return Promise.all(ids.map((id) => this.get(id)));
  }
}
