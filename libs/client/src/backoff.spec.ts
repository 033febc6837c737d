import { backoff } from './backoff.js';

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const top = (attempt: number): number => backoff(attempt, 250, 10_000, () => 0.999_999);
    expect([0, 1, 2, 3].map(top).map(Math.round)).toEqual([250, 500, 1000, 2000]);
    expect(Math.round(top(10))).toBe(10_000);
    expect(Math.round(top(60))).toBe(10_000);
  });

  it('keeps every delay between half and all of the exponential step', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const step = Math.min(30_000, 1000 * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999]) {
        const delay = backoff(attempt, 1000, 30_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }
    }
  });

  it('draws its randomness from Math.random by default', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoff(3, 100, 10_000)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
