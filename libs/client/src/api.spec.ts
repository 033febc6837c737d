import { runInThisContext } from 'node:vm';
import type { BatchStatusRequest, BatchStatusResponse, CreateJobRequest, Job } from '@heygen-mock/contracts';
import type { PostAnswer, PostBody } from './api.js';
import { HeyGenAPI } from './heygen-api.js';
import { fakeFetch } from './testing/fake-fetch.js';
import { flush } from './testing/flush.js';

const url = 'http://api.test';

/** An observed fetch that never answers: each request stays in flight until its signal aborts. */
const neverAnswers = () =>
  fakeFetch(({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));

/**
 * The real `process`: Jest hands each test file a copy, whose `warning` event Node never fires.
 * `runInThisContext` evaluates in the main context, outside the test's sandbox.
 */
const realProcess = runInThisContext('process') as NodeJS.Process;

describe('requests in flight', () => {
  it('many at once raise no listener warning, and dispose() aborts every one of them', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    realProcess.on('warning', onWarning);
    // Half of the requests also carry a signal of their own, which must not keep dispose() from
    // ending them.
    const own = Array.from({ length: 50 }, () => new AbortController());
    const fetch = neverAnswers();
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch });
    try {
      const creating = own.map((controller, i) => client.createJob(undefined, { signal: i % 2 ? controller.signal : undefined }));
      const settled = Promise.allSettled(creating);
      // Also lets Node emit a warning, which it does on a later tick.
      await flush();
      expect(fetch.requests).toHaveLength(50);
      expect(fetch.requests.filter((request) => request.signal.aborted)).toHaveLength(0);
      expect(warnings).not.toContain('MaxListenersExceededWarning');

      client.dispose();
      await flush();
      expect(fetch.requests.filter((request) => request.signal.aborted)).toHaveLength(50);
      const codes = (await settled).map((result) => result.status == 'rejected' && (result.reason as { code?: string }).code);
      expect(codes).toEqual(Array(50).fill('ERR_DISPOSED'));
    } finally {
      realProcess.off('warning', onWarning);
      // Releases whatever a failed expectation left in flight.
      own.forEach((controller) => controller.abort());
      client.dispose();
    }
  });

  it('ends a request when the caller signal aborts, and only that request', async () => {
    const fetch = neverAnswers();
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch });
    const own = new AbortController();
    const mine = client.createJob(undefined, { signal: own.signal }).catch((e: unknown) => e);
    const other = client.createJob().catch((e: unknown) => e);
    await flush();
    own.abort(new Error('changed my mind'));
    expect(await mine).toMatchObject({ code: 'ERR_ABORTED', cause: own.signal.reason });
    expect(fetch.requests.map((request) => request.signal.aborted)).toEqual([true, false]);
    client.dispose();
    expect(await other).toMatchObject({ code: 'ERR_DISPOSED' });
  });

  it('fails at once when the caller signal has already aborted', async () => {
    const client = new HeyGenAPI({ url, mode: 'POLL', fetch: neverAnswers() });
    const reason = new Error('too late');
    await expect(client.createJob(undefined, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({ code: 'ERR_ABORTED', cause: reason });
    client.dispose();
  });
});

/** Compiles only when `A` and `B` are the same type. */
const same = <A, B>(_: [A] extends [B] ? ([B] extends [A] ? true : false) : false): void => undefined;

describe('request types', () => {
  it('come from the contract: the body and the answer of each route', () => {
    same<PostBody<'/create'>, CreateJobRequest>(true);
    same<PostAnswer<'/create'>, Job>(true);
    same<PostBody<'/status/batch'>, BatchStatusRequest>(true);
    same<PostAnswer<'/status/batch'>, BatchStatusResponse>(true);
    // @ts-expect-error: the client posts to no other route
    same<PostBody<'/health'>, never>(true);
  });
});
