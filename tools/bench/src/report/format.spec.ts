import { formatBytes, formatCount, formatDuration, formatMegabytes, formatMs } from './format.js';

describe('formatters', () => {
  it('render milliseconds with precision that shrinks as they grow', () => {
    expect(formatMs(1.234)).toBe('1.23');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(1234.5)).toBe('1,235');
    expect(formatMs(null)).toBe('–');
  });

  it('render counts with separators and small fractions with two decimals', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(1.5)).toBe('1.50');
  });

  it('render bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(16 * 1024)).toBe('16.0 KiB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MiB');
  });

  it('render megabytes in decimal units, as the abuse targets state them', () => {
    expect(formatMegabytes(50e6)).toBe('50.0 MB');
    expect(formatMegabytes(1_234_567)).toBe('1.2 MB');
  });

  it('render durations in the largest whole unit', () => {
    expect(formatDuration(50)).toBe('50 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(90_000)).toBe('90 s');
  });
});
