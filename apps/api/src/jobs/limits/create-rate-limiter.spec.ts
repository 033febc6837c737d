import { CreateRateLimiter } from './create-rate-limiter.js';

describe('CreateRateLimiter', () => {
  it('lets a caller create a burst at once, then at the rate, and says how long to wait', () => {
    const limiter = new CreateRateLimiter(2, 3);
    expect([limiter.take('alice', 0), limiter.take('alice', 0), limiter.take('alice', 0)]).toEqual([0, 0, 0]);
    expect(limiter.take('alice', 0)).toBe(500);
    expect(limiter.take('alice', 250)).toBe(250);
    expect(limiter.take('alice', 500)).toBe(0);
    expect(limiter.take('bob', 500)).toBe(0);
  });

  it('keeps no bucket for callers whose bucket has refilled, however many keys are invented', () => {
    const limiter = new CreateRateLimiter(10, 5);
    for (let i = 0; i < 1000; i += 1) limiter.take(`key-${i}`, i);
    // A bucket one token short refills in 100 ms: only the last 100 callers still have one.
    expect(limiter.size).toBeLessThanOrEqual(101);
    limiter.take('late', 10_000);
    expect(limiter.size).toBe(1);
  });
});
