import { makeJob } from '../testing/job.js';
import { AbortError } from './abort-error.js';
import { DisposedError } from './disposed-error.js';
import { HeyGenError, isHeyGenError } from './heygen-error.js';
import { HttpError } from './http-error.js';
import { isRetryable } from './is-retryable.js';
import { JobFailedError } from './job-failed-error.js';
import { JobNotFoundError } from './job-not-found-error.js';
import { ListenerNotFoundError } from './listener-not-found-error.js';
import { MessageParseError } from './message-parse-error.js';
import { NetworkError } from './network-error.js';
import { SSEError } from './sse-error.js';
import { TimeoutError } from './timeout-error.js';

describe('errors', () => {
  it.each([
    [AbortError, 'AbortError', 'ERR_ABORTED'],
    [DisposedError, 'DisposedError', 'ERR_DISPOSED'],
    [HttpError, 'HttpError', 'ERR_HTTP'],
    [JobNotFoundError, 'JobNotFoundError', 'ERR_JOB_NOT_FOUND'],
    [ListenerNotFoundError, 'ListenerNotFoundError', 'ERR_LISTENER_NOT_FOUND'],
    [MessageParseError, 'MessageParseError', 'ERR_MESSAGE_PARSE'],
    [NetworkError, 'NetworkError', 'ERR_NETWORK'],
    [SSEError, 'SSEError', 'ERR_SSE'],
    [TimeoutError, 'TimeoutError', 'ERR_TIMEOUT'],
  ])('%p has a stable name and code', (Class, name, code) => {
    const error = new Class('message', { status: 503 });
    expect(error).toBeInstanceOf(HeyGenError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message).toBe('message');
    expect(isHeyGenError(error, code as never)).toBe(true);
  });

  it('carries the cause and the context it was given', () => {
    const cause = new TypeError('fetch failed');
    const error = new HttpError('HTTP 429', { cause, status: 429, retryAfterMs: 2000, jobId: 'x' });
    expect(error).toMatchObject({ cause, status: 429, retryAfterMs: 2000, jobId: 'x' });
  });

  it('keeps the failed job on JobFailedError', () => {
    const job = makeJob({ status: 'error' });
    const error = new JobFailedError(job);
    expect(error.job).toBe(job);
    expect(error.jobId).toBe(job.id);
    expect(error.message).toContain('The simulated job failed.');
    expect(isHeyGenError(error, 'ERR_JOB_FAILED')).toBe(true);
  });

  it('guards by brand and code, not by the prototype chain', () => {
    // Another copy of the package, as in another realm or a duplicated install.
    let Other!: typeof TimeoutError;
    jest.isolateModules(() => {
      Other = (require('./timeout-error.js') as typeof import('./timeout-error.js')).TimeoutError;
    });
    const foreign = new Other('late');
    expect(foreign).not.toBeInstanceOf(TimeoutError);
    expect(isHeyGenError(foreign)).toBe(true);
    expect(isHeyGenError(foreign, 'ERR_TIMEOUT')).toBe(true);
    expect(isHeyGenError(foreign, 'ERR_HTTP')).toBe(false);
    expect(isHeyGenError(new Error('plain'))).toBe(false);
    expect(isHeyGenError({ code: 'ERR_TIMEOUT' })).toBe(false);
    expect(isHeyGenError(null)).toBe(false);
  });

  it('retries network failures, timeouts, 408, 429 and 5xx, and nothing else', () => {
    const retryable = (status?: number): boolean => isRetryable(new HttpError('x', { status }));
    expect([undefined, 200, 408, 429, 500, 503].map(retryable)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 413, 431].map(retryable)).toEqual([false, false, false, false, false, false]);
    expect(isRetryable(new NetworkError('down'))).toBe(true);
  });
});
