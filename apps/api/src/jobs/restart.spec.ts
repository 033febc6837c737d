import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SseReader } from '../testing/sse-reader.js';
import { newKey, startTestServer, type TestServer } from '../testing/test-server.js';
import type { JobDto } from './dto/job.dto.js';

describe('a server restarted on the same SQLite file', () => {
  let dir: string;
  let sqlitePath: string;
  const running: TestServer[] = [];
  const readers: SseReader[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heygen-restart-'));
    sqlitePath = join(dir, 'jobs.sqlite');
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
    await Promise.all(running.splice(0).map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<TestServer> => {
    const server = await startTestServer({ jobStore: 'sqlite', sqlitePath, heartbeatMs: 60_000 });
    running.push(server);
    return server;
  };
  const stop = async (server: TestServer): Promise<void> => {
    running.splice(running.indexOf(server), 1);
    await server.close();
  };
  const create = async (server: TestServer, key: string, body: object): Promise<JobDto> => {
    const res = await server.request('/create', { method: 'POST', key, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as JobDto;
  };
  const read = async (server: TestServer, key: string, id: string, waitMs = 0): Promise<JobDto> => {
    const res = await server.request(`/status/${id}?waitMs=${waitMs}`, { key });
    expect(res.status).toBe(200);
    return (await res.json()) as JobDto;
  };
  const stream = async (server: TestServer, key: string, lastEventId?: number): Promise<SseReader> => {
    const res = await server.request('/status', { key, headers: lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) } });
    expect(res.status).toBe(200);
    const reader = new SseReader(res);
    readers.push(reader);
    return reader;
  };

  it('keeps the jobs it accepted, their plan included, and ends them after the restart', async () => {
    const key = newKey();
    const first = await start();
    const failing = await create(first, key, { durationMs: 1_000, outcome: 'error' });
    const finished = await create(first, key, { durationMs: 0 });
    await read(first, key, finished.id, 5_000);
    await stop(first);

    const second = await start();
    expect(await read(second, key, finished.id)).toMatchObject({ status: 'completed', progress: 100 });
    expect(await read(second, key, failing.id)).toMatchObject({ status: 'pending', createdAt: failing.createdAt, expectedCompletionAt: failing.expectedCompletionAt });
    expect(await read(second, key, failing.id, 5_000)).toMatchObject({ status: 'error', error: { code: expect.any(String) } });
  });

  it('fails to start a second server on a file that a running one holds, with a message that says so', async () => {
    await start();
    await expect(start()).rejects.toThrow(/in use by another process/);
  });

  it('replays after the restart what changed since a Last-Event-ID from before it, nothing twice', async () => {
    const key = newKey();
    const first = await start();
    const before = await stream(first, key);
    const a = await create(first, key, { durationMs: 600 });
    const b = await create(first, key, { durationMs: 60_000 });
    const seenA = await before.nextJob();
    const seenB = await before.nextJob();
    expect([seenA.job.id, seenB.job.id]).toEqual([a.id, b.id]);
    await before.cancel();
    await stop(first);

    const second = await start();
    await read(second, key, a.id, 5_000);
    const after = await stream(second, key, seenB.id);
    const replayed = await after.nextJob();
    expect(replayed.job).toMatchObject({ id: a.id, status: 'completed' });
    expect(replayed.id).toBeGreaterThan(seenB.id);

    // B has not changed since, so it is not sent again; the next event is live.
    const c = await create(second, key, { durationMs: 60_000 });
    const live = await after.nextJob();
    expect(live.job.id).toBe(c.id);
    expect(live.id).toBeGreaterThan(replayed.id);
  });
});
