import { formatRatio, ratio } from './ratios.js';

describe('ratio', () => {
  it('divides the value by the baseline', () => {
    expect(ratio(5, 500)).toBe(0.01);
    expect(ratio(30, 10)).toBe(3);
  });

  it('is null without a usable baseline or value', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, null)).toBeNull();
    expect(ratio(undefined, 5)).toBeNull();
    expect(ratio(Infinity, 5)).toBeNull();
  });
});

describe('formatRatio', () => {
  it('keeps two significant digits below ten and none above', () => {
    expect(formatRatio(0.0123)).toBe('0.012×');
    expect(formatRatio(0.45)).toBe('0.45×');
    expect(formatRatio(1)).toBe('1.0×');
    expect(formatRatio(3.14)).toBe('3.1×');
    expect(formatRatio(120.4)).toBe('120×');
  });

  it('renders a missing ratio as a dash and zero as 0×', () => {
    expect(formatRatio(null)).toBe('–');
    expect(formatRatio(0)).toBe('0×');
  });
});
