import type { Job } from '@heygen-mock/contracts';
import { fakeStream, type FakeStream, type SeenRequest } from './fake-fetch.js';
import { batchOf, fakeServer } from './fake-server.js';

/**
 * A fake API that streams, for the SSE transport's unit tests. It keeps the state of every job
 * it created: batch reads answer from that state (other ids are not found), and `set` changes
 * it as the real server would while no event reaches the client. Each stream request gets a
 * fake stream the test writes to, unless `refuse` answers it or `hold` delays it.
 */
export function streamingServer() {
  const jobs = new Map<string, Job>();
  const streams: FakeStream[] = [];
  let refuse: (() => Response) | undefined;
  let hold: Promise<void> | undefined;
  const server = fakeServer({
    stream: async (request: SeenRequest) => {
      await hold;
      if (refuse) return refuse();
      const stream = fakeStream(request.signal);
      streams.push(stream);
      return stream.response;
    },
    batch: (ids) => batchOf(ids.flatMap((id) => jobs.get(id) ?? []), ids.filter((id) => !jobs.has(id))),
  });
  const set = (...states: Job[]): void => states.forEach((job) => jobs.set(job.id, job));
  return {
    server,
    streams,
    /** Queues jobs for `POST /create` (in order) and records their state. */
    created: (...states: Job[]): void => {
      server.routes.created.push(...states);
      set(...states);
    },
    set,
    last: () => streams[streams.length - 1]!,
    /** Answers stream requests with this response from now on; `undefined` streams again. */
    refuse: (answer?: () => Response) => void (refuse = answer),
    /** Holds stream requests until the returned function is called. */
    hold: (): (() => void) => {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}
