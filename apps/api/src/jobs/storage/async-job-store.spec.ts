import { LaterTickJobStore } from '../../testing/later-tick-job-store.js';
import type { JobDto } from '../dto/job.dto.js';
import { SseReader } from '../../testing/sse-reader.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

type Job = JobDto;

const json = { 'Content-Type': 'application/json' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('the API over a job store that answers asynchronously', () => {
  const store = new LaterTickJobStore();
  let server: TestServer;
  let reader: SseReader | undefined;

  beforeAll(async () => {
    server = await startTestServer({ jobTimeMs: 60_000, progressIntervalMs: 50 }, { jobStore: store });
  });
  afterEach(() => reader?.cancel());
  afterAll(() => server.close());

  const create = async (body: object): Promise<Job> => {
    const res = await server.request('/create', { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/^\/status\//);
    return (await res.json()) as Job;
  };
  const read = async (path: string): Promise<Job> => (await (await server.request(path)).json()) as Job;

  it('creates, reads, long-polls and batch-reads jobs', async () => {
    const slow = await create({ durationMs: 300 });
    const instant = await create({ durationMs: 0, outcome: 'error' });
    expect(await read(`/status/${slow.id}`)).toMatchObject({ id: slow.id, status: 'pending' });
    expect(await read(`/status/${instant.id}?waitMs=2000`)).toMatchObject({ id: instant.id, status: 'error' });

    // Woken by the completion event: had the wait run out first (30 s, beyond the test's
    // timeout), the answer would be the pending state.
    expect(await read(`/status/${slow.id}?waitMs=30000`)).toMatchObject({ status: 'completed' });

    const res = await server.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify({ ids: [instant.id, UNKNOWN, slow.id] }) });
    const batch = (await res.json()) as { jobs: Job[]; notFound: string[] };
    expect(batch.jobs.map((job) => [job.id, job.status])).toEqual([
      [instant.id, 'error'],
      [slow.id, 'completed'],
    ]);
    expect(batch.notFound).toEqual([UNKNOWN]);
    expect(store.answers).toBeGreaterThan(0);
  });

  it('starts an event stream with the snapshot, then streams live events in id order', async () => {
    const done = await create({ durationMs: 0 });
    expect(await read(`/status/${done.id}?waitMs=2000`)).toMatchObject({ status: 'completed' });
    const pending = await create({ durationMs: 400 });

    const res = await server.request(`/status?ids=${done.id},${pending.id}`);
    expect(res.status).toBe(200);
    reader = new SseReader(res);
    expect(await reader.next()).toMatchObject({ kind: 'retry' });
    const events = [await reader.nextJob(), await reader.nextJob()];
    expect(events.map((event) => [event.job.id, event.job.status])).toEqual([
      [done.id, 'completed'],
      [pending.id, 'pending'],
    ]);
    let last = events[1];
    while (last?.job.status === 'pending') {
      const next = await reader.nextJob();
      expect(next.id).toBeGreaterThan(last.id);
      last = next;
    }
    expect(last?.job).toMatchObject({ id: pending.id, status: 'completed', progress: 100 });
  });
});
