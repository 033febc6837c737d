import { isRedisUnreachable } from './redis-errors.js';

describe('isRedisUnreachable', () => {
  it('tells a Redis that is away from one that answered with an error', () => {
    const gaveUp = Object.assign(new Error('Reached the max retries per request limit (which is 3).'), { name: 'MaxRetriesPerRequestError' });
    expect(isRedisUnreachable(gaveUp)).toBe(true);
    expect(isRedisUnreachable(new Error('Connection is closed.'))).toBe(true);
    expect(isRedisUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRedisUnreachable(Object.assign(new Error('ERR unknown command'), { name: 'ReplyError' }))).toBe(false);
    expect(isRedisUnreachable('Connection is closed.')).toBe(false);
  });
});
