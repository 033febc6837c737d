import type { Job } from '@heygen-mock/contracts';
import { fakeFetch, json, type SeenRequest } from './fake-fetch.js';
import { makeJob } from './job.js';

/** How the fake server answers; each part can be replaced by a test. */
export interface FakeServerRoutes {
  /** `POST /create`: the next job of this queue, or a fresh pending job. */
  created: Job[];
  /** `POST /status/batch`. */
  batch(ids: string[], request: SeenRequest): Response | Promise<Response>;
  /** `GET /status` (the stream). */
  stream(request: SeenRequest): Response | Promise<Response>;
}

/**
 * An observed fake of the API for unit tests: routes by path and records every request.
 * Unknown batch ids answer as pending with a long hint unless `batch` is replaced.
 */
export function fakeServer(routes: Partial<FakeServerRoutes> = {}) {
  const r: FakeServerRoutes = {
    created: [],
    batch: (ids) => json({ jobs: ids.map((id) => makeJob({ id, pollAfterMs: 60_000 })), notFound: [] }),
    stream: () => new Response('not here', { status: 404 }),
    ...routes,
  };
  const fetch = fakeFetch((request) => {
    const path = request.url.pathname;
    if (path == '/create') return json(r.created.shift() ?? makeJob(), 201);
    if (path == '/status/batch') return r.batch((request.body as { ids: string[] }).ids, request);
    if (path == '/status') return r.stream(request);
    return json({ type: 'urn:heygen-mock:problem:route-not-found' }, 404);
  });
  const of = (path: string): SeenRequest[] => fetch.requests.filter((request) => request.url.pathname == path);
  return { fetch, routes: r, batches: () => of('/status/batch'), streams: () => of('/status') };
}

/** A batch answer. */
export const batchOf = (jobs: Job[], notFound: string[] = []): Response => json({ jobs, notFound });
