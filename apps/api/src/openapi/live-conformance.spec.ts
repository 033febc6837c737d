import type { JobDto } from '../jobs/dto/job.dto.js';
import { type LiveAnswer, type OpenApiDocument, OpenApiConformance } from '../testing/openapi-conformance.js';
import { SseReader } from '../testing/sse-reader.js';
import { newKey, startTestServer, type TestServer } from '../testing/test-server.js';
import { waitUntil } from '../testing/wait-until.js';
import { JobsService } from '../jobs/jobs.service.js';
import { REDIS_CONNECTIONS, type RedisConnections } from '../common/redis/redis-connections.js';

const json = { 'Content-Type': 'application/json' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Reads a whole JSON or problem answer. */
async function answer(res: Response): Promise<LiveAnswer> {
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), bodies: text === '' ? [] : [JSON.parse(text) as unknown] };
}

describe('every answer of the API conforms to the document it serves at /openapi.json', () => {
  let server: TestServer;
  let conformance: OpenApiConformance;
  let document: OpenApiDocument;
  const violations: string[] = [];
  const exercised = new Set<string>();

  const check = (path: string, method: string, live: LiveAnswer): void => {
    exercised.add(`${method} ${path} ${live.status}`);
    violations.push(...conformance.violations(path, method, live));
  };
  const create = async (body: object): Promise<JobDto> => {
    const res = await server.request('/create', { method: 'POST', headers: json, body: JSON.stringify(body) });
    const live = await answer(res);
    check('/create', 'post', live);
    return live.bodies[0] as JobDto;
  };

  beforeAll(async () => {
    server = await startTestServer({ jobTimeMs: 60_000 });
    document = (await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    conformance = new OpenApiConformance(document);
  });
  afterAll(() => server.close());

  it('for jobs pending, completed and failed, and for every documented error', async () => {
    // POST /create
    check('/create', 'post', await answer(await server.request('/create', { method: 'POST' })));
    const pending = await create({});
    const completed = await create({ durationMs: 0 });
    const failed = await create({ durationMs: 0, outcome: 'error' });
    check('/create', 'post', await answer(await server.request('/create', { method: 'POST', headers: json, body: '{"durationMs":-1}' })));
    check('/create', 'post', await answer(await server.request('/create', { method: 'POST', key: null })));
    check('/create', 'post', await answer(await server.request('/create', { method: 'POST', headers: json, body: JSON.stringify({ pad: 'x'.repeat(20_000) }) })));
    check('/create', 'post', await answer(await server.request('/create', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })));

    // GET /status/{id}
    for (const job of [pending, completed, failed]) {
      check('/status/{id}', 'get', await answer(await server.request(`/status/${job.id}?waitMs=${job === pending ? 0 : 5000}`)));
    }
    check('/status/{id}', 'get', await answer(await server.request('/status/not-a-uuid')));
    check('/status/{id}', 'get', await answer(await server.request(`/status/${UNKNOWN}`)));
    check('/status/{id}', 'get', await answer(await server.request(`/status/${pending.id}`, { key: null })));

    // POST /status/batch
    const batch = (body: string, headers: Record<string, string> = json) => server.request('/status/batch', { method: 'POST', headers, body });
    check('/status/batch', 'post', await answer(await batch(JSON.stringify({ ids: [pending.id, completed.id, failed.id, UNKNOWN] }))));
    check('/status/batch', 'post', await answer(await batch('{"ids":[]}')));
    check('/status/batch', 'post', await answer(await batch(JSON.stringify({ ids: [UNKNOWN], pad: 'x'.repeat(70_000) }))));
    check('/status/batch', 'post', await answer(await batch('{}', { 'Content-Type': 'text/plain' })));
    check('/status/batch', 'post', await answer(await server.request('/status/batch', { method: 'POST', key: null, headers: json, body: '{}' })));

    // GET /status: every event's `data` against the stream's schema
    const stream = await server.request(`/status?ids=${pending.id},${completed.id},${failed.id}`);
    const reader = new SseReader(stream);
    try {
      const events = [await reader.nextJob(), await reader.nextJob(), await reader.nextJob()];
      check('/status', 'get', { status: stream.status, contentType: stream.headers.get('content-type'), bodies: events.map((event) => event.job) });
    } finally {
      await reader.cancel();
    }
    check('/status', 'get', await answer(await server.request('/status', { headers: { 'Last-Event-ID': 'not-an-id' } })));
    check('/status', 'get', await answer(await server.request('/status', { key: null })));

    // GET /health
    check('/health', 'get', await answer(await server.request('/health', { key: null })));
    check('/health', 'get', await answer(await server.request('/health%zz', { key: null })));

    expect(violations).toEqual([]);
  });

  it('for every limit reached: 429 for a caller’s, 503 for the server’s', async () => {
    const limited = await startTestServer({ jobTimeMs: 60_000, maxPendingJobsPerCaller: 1, maxJobs: 2, maxWaitsPerCaller: 1, maxStreamsPerCaller: 1, maxStreams: 2 });
    const [alice, bob, carol] = [newKey(), newKey(), newKey()];
    const held: SseReader[] = [];
    const aborter = new AbortController();
    try {
      const job = (await (await limited.request('/create', { method: 'POST', key: alice })).json()) as JobDto;
      check('/create', 'post', await answer(await limited.request('/create', { method: 'POST', key: alice })));
      await limited.request('/create', { method: 'POST', key: bob });
      check('/create', 'post', await answer(await limited.request('/create', { method: 'POST', key: carol })));

      const wait = limited.request(`/status/${job.id}?waitMs=30000`, { key: alice, signal: aborter.signal }).catch(() => undefined);
      await waitUntil(() => limited.app.get(JobsService).watchedJobCount === 1);
      check('/status/{id}', 'get', await answer(await limited.request(`/status/${job.id}?waitMs=1000`, { key: alice })));
      check('/status/batch', 'post', await answer(await limited.request('/status/batch', { method: 'POST', key: alice, headers: json, body: JSON.stringify({ ids: [job.id], waitMs: 1000 }) })));
      aborter.abort();
      await wait;

      held.push(new SseReader(await limited.request('/status', { key: alice })), new SseReader(await limited.request('/status', { key: bob })));
      check('/status', 'get', await answer(await limited.request('/status', { key: alice })));
      check('/status', 'get', await answer(await limited.request('/status', { key: carol })));
    } finally {
      await Promise.all(held.map((reader) => reader.cancel()));
      await limited.close();
    }
    expect(violations).toEqual([]);
    expect([...exercised].filter((hit) => / (429|503)$/.test(hit)).sort()).toEqual([
      'get /status 429',
      'get /status 503',
      'get /status/{id} 429',
      'post /create 429',
      'post /create 503',
      'post /status/batch 429',
    ]);
  });

  it('when the shared job store cannot be reached: 503 with Retry-After on every job route and the readiness probe', async () => {
    const shared = await startTestServer({ jobStore: 'redis', jobTimeMs: 60_000 });
    try {
      const job = (await (await shared.request('/create', { method: 'POST' })).json()) as JobDto;
      // What a lost connection that ioredis gave up on looks like to every command.
      shared.app.get<symbol, RedisConnections>(REDIS_CONNECTIONS).commands.disconnect();
      const calls: [string, string, Promise<Response>][] = [
        ['/status/{id}', 'get', shared.request(`/status/${job.id}`)],
        ['/status/batch', 'post', shared.request('/status/batch', { method: 'POST', headers: json, body: JSON.stringify({ ids: [job.id] }) })],
        ['/create', 'post', shared.request('/create', { method: 'POST', headers: json, body: '{}' })],
        ['/status', 'get', shared.request('/status')],
        ['/health', 'get', shared.request('/health', { key: null })],
      ];
      for (const [path, method, call] of calls) {
        const res = await call;
        const live = await answer(res);
        check(path, method, live);
        expect({ path, status: live.status, retryAfter: res.headers.get('retry-after'), type: (live.bodies[0] as { type?: string }).type }).toEqual({
          path,
          status: 503,
          retryAfter: '1',
          type: 'urn:heygen-mock:problem:store-unavailable',
        });
      }
    } finally {
      await shared.close();
    }
    expect(violations).toEqual([]);
  });

  it('has exercised every documented status of every operation', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method} ${path} ${status}`)),
    );
    const covered = (entry: string): boolean => {
      const [method, path, status = ''] = entry.split(' ');
      const range = /^\dXX$/.test(status);
      return [...exercised].some((hit) => {
        const [hitMethod, hitPath, hitStatus = ''] = hit.split(' ');
        return hitMethod === method && hitPath === path && (range ? hitStatus[0] === status[0] : hitStatus === status);
      });
    };
    expect(documented.filter((entry) => !covered(entry))).toEqual([]);
  });
});
