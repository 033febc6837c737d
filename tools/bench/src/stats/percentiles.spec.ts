import { median, medianOrNull, percentile, summarize } from './percentiles.js';

describe('percentile', () => {
  it('returns the smallest value with at least p percent of the values at or below it', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile(sorted, 10)).toBe(1);
    expect(percentile(sorted, 11)).toBe(2);
  });

  it('makes the p99 of a hundred values the 99th and of a thousand the 990th', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(thousand, 99)).toBe(990);
    expect(percentile(thousand, 100)).toBe(1000);
  });

  it('rejects an empty sample and a percentile out of range', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(/`p`/);
    expect(() => percentile([1], 101)).toThrow(/`p`/);
  });
});

describe('summarize', () => {
  it('sorts a copy and reports count, min, mean, percentiles and max', () => {
    const values = [30, 10, 20, 40];
    expect(summarize(values)).toEqual({ count: 4, min: 10, mean: 25, p50: 20, p95: 40, p99: 40, max: 40 });
    expect(values).toEqual([30, 10, 20, 40]);
  });

  it('returns null when there is nothing to summarise', () => {
    expect(summarize([])).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('leaves its input in place and rejects an empty one', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
    expect(() => median([])).toThrow(/`values`/);
  });
});

describe('medianOrNull', () => {
  it('takes the median of the measured values and has none when nothing was measured', () => {
    expect(medianOrNull([3, null, 1])).toBe(2);
    expect(medianOrNull([null, null])).toBeNull();
    expect(medianOrNull([])).toBeNull();
  });
});
