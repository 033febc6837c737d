import type { ProblemBody } from '../common/problems/problem-document.js';
import type { JobDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';
import { newKey, startTestServer, type TestServer } from '../testing/test-server.js';

type Job = JobDto;
type Problem = ProblemBody;

const json = { 'Content-Type': 'application/json' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('job routes over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ jobTimeMs: 60_000, longPollMaxMs: 5000 });
  });
  afterAll(() => server.close());

  const create = async (body?: object, key?: string): Promise<Job> => {
    const res = await server.request('/create', { method: 'POST', ...(body === undefined ? {} : { headers: json, body: JSON.stringify(body) }), ...(key === undefined ? {} : { key }) });
    expect(res.status).toBe(201);
    return (await res.json()) as Job;
  };

  describe('POST /create', () => {
    it('answers 201 with the pending job, its Location and the polling hints', async () => {
      const res = await server.request('/create', { method: 'POST' });
      const job = (await res.json()) as Job;
      expect(res.status).toBe(201);
      expect(job).toMatchObject({ status: 'pending', progress: 0, completedAt: null, error: null });
      expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(res.headers.get('location')).toBe(`/status/${job.id}`);
      expect(res.headers.get('poll-after-ms')).toBe(String(job.pollAfterMs));
      expect(res.headers.get('retry-after')).toBe(String(Math.ceil((job.pollAfterMs ?? 0) / 1000)));
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    });

    it('applies duration and outcome overrides to that one job', async () => {
      const job = await create({ durationMs: 0, outcome: 'error' });
      const res = await server.request(`/status/${job.id}?waitMs=2000`);
      expect(await res.json()).toMatchObject({ status: 'error', error: { code: 'simulated-failure' }, pollAfterMs: null });
      expect(res.headers.get('poll-after-ms')).toBeNull();
      expect(res.headers.get('retry-after')).toBeNull();
    });

    it.each([
      [{ durationMs: -1 }, '/durationMs', 'must not be less than 0'],
      [{ durationMs: 86_400_001 }, '/durationMs', 'must not be greater than 86400000'],
      [{ durationMs: 1.5 }, '/durationMs', 'must be an integer'],
      // The type is checked before the range, so that the message names what is wrong.
      [{ durationMs: 'abc' }, '/durationMs', 'must be an integer'],
      [{ outcome: 'maybe' }, '/outcome', 'must be one of the following values'],
      [{ colour: 'red' }, '/colour', 'should not exist'],
    ])('rejects the body %p with a validation problem pointing at %s: %s', async (body, pointer, detail) => {
      const res = await server.request('/create', { method: 'POST', headers: json, body: JSON.stringify(body) });
      const problem = (await res.json()) as Problem;
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problem.type).toBe('urn:heygen-mock:problem:validation');
      expect(problem.errors).toEqual([{ in: 'body', name: pointer, detail: expect.stringContaining(detail) as unknown }]);
    });

    it('rejects malformed JSON and non-object bodies as validation problems', async () => {
      for (const body of ['{"durationMs":', '[]', '"text"', 'null']) {
        const res = await server.request('/create', { method: 'POST', headers: json, body });
        expect(res.status).toBe(400);
        expect(((await res.json()) as Problem).errors?.[0]).toMatchObject({ in: 'body', name: '' });
      }
    });

    it('answers 415 for a body that is not JSON and 413 for one over 16 KB', async () => {
      const text = await server.request('/create', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
      expect(text.status).toBe(415);
      expect(((await text.json()) as Problem).type).toBe('urn:heygen-mock:problem:unsupported-media-type');
      for (const headers of [{ 'Content-Type': 'application/json; charset=latin1' }, { ...json, 'Content-Encoding': 'gzip' }]) {
        expect((await server.request('/create', { method: 'POST', headers, body: '{}' })).status).toBe(415);
      }

      const large = await server.request('/create', { method: 'POST', headers: json, body: JSON.stringify({ pad: 'x'.repeat(16 * 1024) }) });
      expect(large.status).toBe(413);
      expect(((await large.json()) as Problem).type).toBe('urn:heygen-mock:problem:payload-too-large');
    });
  });

  describe('authentication and ownership', () => {
    it('answers 401 with a problem and a Bearer challenge for a missing or malformed key', async () => {
      for (const key of [null, 'short', 'has spaces in it ok?']) {
        const res = await server.request('/create', { method: 'POST', key });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(((await res.json()) as Problem).type).toBe('urn:heygen-mock:problem:unauthorized');
      }
    });

    it('answers another caller’s job exactly like an unknown one', async () => {
      const job = await create();
      const strip = async (res: Response): Promise<unknown> => {
        const { instance: _i, requestId: _r, detail: _d, ...rest } = (await res.json()) as Record<string, unknown>;
        return { status: res.status, ...rest };
      };
      const foreign = await strip(await server.request(`/status/${job.id}`, { key: newKey() }));
      const unknown = await strip(await server.request(`/status/${UNKNOWN}`));
      expect(foreign).toEqual({ status: 404, type: 'urn:heygen-mock:problem:job-not-found', title: expect.any(String) });
      expect(unknown).toEqual(foreign);
    });
  });

  describe('GET /status/{id}', () => {
    it('reads the job, whatever the letter case of the id', async () => {
      const job = await create();
      const res = await server.request(`/status/${job.id.toUpperCase()}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Job).id).toBe(job.id);
      expect(Number(res.headers.get('poll-after-ms'))).toBeGreaterThan(0);
    });

    it('answers HEAD with the headers of the read and an empty body', async () => {
      const job = await create();
      const res = await server.request(`/status/${job.id}`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('poll-after-ms'))).toBeGreaterThan(0);
      expect(await res.text()).toBe('');
    });

    it.each([
      ['/status/not-a-uuid', 'path', 'id', 'must be a UUID'],
      [`/status/${UNKNOWN}?waitMs=abc`, 'query', 'waitMs', 'must be an integer'],
      [`/status/${UNKNOWN}?waitMs=-1`, 'query', 'waitMs', 'must not be less than 0'],
      [`/status/${UNKNOWN}?waitMs=30001`, 'query', 'waitMs', 'must not be greater than 30000'],
      // Within the contract's 30000, above this server's LONG_POLL_MAX_MS.
      [`/status/${UNKNOWN}?waitMs=5001`, 'query', 'waitMs', 'must not be greater than 5000'],
      [`/status/${UNKNOWN}?waitMs=`, 'query', 'waitMs', 'must be an integer'],
      [`/status/${UNKNOWN}?other=1`, 'query', 'other', 'should not exist'],
    ])('rejects %s with a validation problem about the %s value %s: %s', async (path, location, name, detail) => {
      const res = await server.request(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([{ in: location, name, detail: expect.stringContaining(detail) as unknown }]);
    });

    it('holds a long-poll until the job changes status', async () => {
      const job = await create({ durationMs: 150 });
      const res = await server.request(`/status/${job.id}?waitMs=5000`);
      expect(((await res.json()) as Job).status).toBe('completed');
    });

    it('answers a long-poll with the pending state when the wait ends first', async () => {
      const job = await create();
      const res = await server.request(`/status/${job.id}?waitMs=50`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Job).status).toBe('pending');
    });

    it('forgets a long-poll whose client went away', async () => {
      const job = await create();
      const jobs = server.app.get(JobsService);
      const aborted = server.request(`/status/${job.id}?waitMs=5000`, { signal: AbortSignal.timeout(100) });
      await expect(aborted).rejects.toThrow();
      await eventually(() => expect(jobs.watchedJobCount).toBe(0));
    });
  });

  describe('POST /status/batch', () => {
    it('reads many jobs in request order, once each, and lists the ids not found', async () => {
      const a = await create();
      const b = await create({ durationMs: 0 });
      const foreign = await create(undefined, newKey());
      const res = await server.request('/status/batch', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ ids: [b.id, a.id.toUpperCase(), UNKNOWN, foreign.id, a.id] }),
      });
      const body = (await res.json()) as { jobs: Job[]; notFound: string[] };
      expect(res.status).toBe(200);
      expect(body.jobs.map((j) => j.id)).toEqual([b.id, a.id]);
      expect(body.notFound).toEqual([UNKNOWN, foreign.id]);
    });

    it('sends the smallest hint among pending jobs', async () => {
      const soon = await create({ durationMs: 3000 });
      const late = await create({ durationMs: 50_000 });
      const res = await server.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify({ ids: [late.id, soon.id] }) });
      const body = (await res.json()) as { jobs: Job[] };
      const hints = body.jobs.map((j) => j.pollAfterMs ?? Infinity);
      expect(res.headers.get('poll-after-ms')).toBe(String(Math.min(...hints)));
      expect(Number(res.headers.get('poll-after-ms'))).toBeLessThanOrEqual(3000);
    });

    it('holds the answer until any listed pending job changes status', async () => {
      const quick = await create({ durationMs: 150 });
      const slow = await create();
      const res = await server.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify({ ids: [slow.id, quick.id], waitMs: 5000 }) });
      const body = (await res.json()) as { jobs: Job[] };
      expect(body.jobs.map((j) => j.status)).toEqual(['pending', 'completed']);
    });

    it.each([
      [{ ids: [] }, '/ids', 'must contain at least 1 elements'],
      [{ ids: ['nope'] }, '/ids', 'must be a UUID'],
      [{ ids: 'a' }, '/ids', 'must be an array'],
      [{}, '/ids', 'must be an array'],
      [{ ids: [UNKNOWN], waitMs: 30_001 }, '/waitMs', 'must not be greater than 30000'],
      [{ ids: [UNKNOWN], waitMs: 'abc' }, '/waitMs', 'must be an integer'],
    ])('rejects %j with a validation problem at %s: %s', async (body, pointer, detail) => {
      const res = await server.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([{ in: 'body', name: pointer, detail: expect.stringContaining(detail) as unknown }]);
    });
  });

  it('accepts a batch of 1000 ids, beyond the general 16 KB body limit, and rejects 1001', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const body = JSON.stringify({ ids }, null, 2);
    expect(body.length).toBeGreaterThan(16 * 1024);
    const ok = await server.request('/status/batch', { method: 'POST', headers: json, body });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { notFound: string[] }).notFound).toHaveLength(1000);

    const tooMany = await server.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify({ ids: [...ids, UNKNOWN] }) });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as Problem).errors).toEqual([expect.objectContaining({ in: 'body', name: '/ids' })]);
  });

  it('answers an unknown route with a route-not-found problem, key or not', async () => {
    for (const key of [null, undefined]) {
      const res = await server.request('/nope', key === null ? { key } : {});
      expect(res.status).toBe(404);
      expect(((await res.json()) as Problem).type).toBe('urn:heygen-mock:problem:route-not-found');
    }
  });

  it('serves the health probe without a key', async () => {
    const res = await server.request('/health', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('lets browsers send the key and read the polling hints cross-origin', async () => {
    const res = await server.request('/create', {
      method: 'OPTIONS',
      key: null,
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const created = await server.request('/create', { method: 'POST', headers: { Origin: 'http://example.test' } });
    expect(created.headers.get('access-control-expose-headers')).toContain('Poll-After-Ms');
    // Problems too, so that a browser can read why, and the event stream, which writes the raw response.
    const refused = await server.request('/status/not-a-job', { key: null, headers: { Origin: 'http://example.test' } });
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, '*']);
    const controller = new AbortController();
    const stream = await server.request('/status', { headers: { Origin: 'http://example.test' }, signal: controller.signal });
    try {
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('access-control-allow-origin')).toBe('*');
      expect(stream.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    } finally {
      controller.abort();
    }
  });
});

async function eventually(assertion: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
