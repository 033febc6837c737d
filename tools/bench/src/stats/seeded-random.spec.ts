import { jobDurations } from '../scenarios/job-durations.js';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('stays in [0, 1)', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('jobDurations', () => {
  it('gives every job the same duration when the range is one value', () => {
    expect(jobDurations(3, 2000, 2000, 9)).toEqual([2000, 2000, 2000]);
  });

  it('spreads durations over the range, the same on every call', () => {
    const durations = jobDurations(1000, 1000, 5000, 7);
    expect(jobDurations(1000, 1000, 5000, 7)).toEqual(durations);
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...durations)).toBeLessThanOrEqual(5000);
    // Uniform: about half fall below the middle.
    const below = durations.filter((d) => d < 3000).length;
    expect(below).toBeGreaterThan(400);
    expect(below).toBeLessThan(600);
  });
});
