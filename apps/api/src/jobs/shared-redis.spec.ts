import { RedisKeys } from '../common/redis/redis-keys.js';
import { REDIS_CONNECTIONS, type RedisConnections } from '../common/redis/redis-connections.js';
import { callerIdFromAuthorization } from '../common/auth/caller-key.js';
import { recordFixture } from '../testing/job-store-contract.js';
import { SseReader } from '../testing/sse-reader.js';
import { newKey, startTestServer, type TestServer } from '../testing/test-server.js';
import { uniqueKeyPrefix } from '../testing/test-redis.js';
import type { JobDto } from './dto/job.dto.js';
import { RedisJobStore } from './storage/redis/redis-job-store.js';

/** Two API instances on one Redis under the same key prefix: one deployment. */
describe('two servers sharing one Redis', () => {
  let one: TestServer;
  let two: TestServer;
  let redisKeyPrefix: string;
  const readers: SseReader[] = [];
  const start = (): Promise<TestServer> => startTestServer({ jobStore: 'redis', redisKeyPrefix, heartbeatMs: 60_000 });

  beforeEach(async () => {
    redisKeyPrefix = uniqueKeyPrefix();
    [one, two] = await Promise.all([start(), start()]);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
    await Promise.all([one.close(), two.close()]);
  });

  const create = async (server: TestServer, key: string, body: object): Promise<JobDto> => {
    const res = await server.request('/create', { method: 'POST', key, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as JobDto;
  };

  it('answers on one for a job created on the other, to its owner only', async () => {
    const key = newKey();
    const job = await create(one, key, { durationMs: 60_000 });
    const read = await two.request(`/status/${job.id}`, { key });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: job.id, status: 'pending' });
    expect((await two.request(`/status/${job.id}`)).status).toBe(404);
  });

  it('wakes a long-poll held on one when the job, created on the other, ends', async () => {
    const key = newKey();
    const job = await create(one, key, { durationMs: 300, outcome: 'error' });
    const res = await two.request(`/status/${job.id}?waitMs=10000`, { key });
    expect(await res.json()).toMatchObject({ id: job.id, status: 'error', error: { code: 'simulated-failure' } });
  });

  it('streams on one the jobs created on the other, and resumes on the other after an id the first sent', async () => {
    const key = newKey();
    const stream = new SseReader(await two.request('/status', { key }));
    readers.push(stream);
    await stream.next(); // retry:
    const job = await create(one, key, { durationMs: 300 });
    const created = await stream.nextJob();
    expect(created.job).toMatchObject({ id: job.id, status: 'pending' });
    const ended = await stream.nextJob(5000);
    expect(ended.job).toMatchObject({ id: job.id, status: 'completed', progress: 100 });
    expect(ended.id).toBeGreaterThan(created.id);

    const resumed = new SseReader(await one.request('/status', { key, headers: { 'Last-Event-ID': String(created.id) } }));
    readers.push(resumed);
    await resumed.next(); // retry:
    expect(await resumed.nextJob()).toEqual(ended);
  });

  it('gives a due time to a pending job whose creator died between storing and arming it, when an instance starts', async () => {
    const key = newKey();
    const ownerId = callerIdFromAuthorization(`Bearer ${key}`) ?? '';
    const now = Date.now();
    // What a creator killed between the two writes leaves: the job, and no due time.
    const connections = one.app.get<symbol, RedisConnections>(REDIS_CONNECTIONS);
    const store = new RedisJobStore(connections.commands, new RedisKeys(redisKeyPrefix), 60_000, { now: () => Date.now() });
    const orphan = '00000000-0000-4000-8000-0000000000aa';
    await store.insert(recordFixture(orphan, ownerId, { createdAt: now, expectedCompletionAt: now + 300, eventId: now * 1000 }));
    expect(await connections.commands.zscore(new RedisKeys(redisKeyPrefix).due, orphan)).toBeNull();

    const third = await start();
    try {
      const res = await third.request(`/status/${orphan}?waitMs=10000`, { key });
      expect(await res.json()).toMatchObject({ id: orphan, status: 'completed' });
    } finally {
      await third.close();
    }
  });
});
