import { fitToScreen, formatOffset, progressBar, shortId, table } from './format.js';

describe('demo formatting', () => {
  it('formats offsets with millisecond precision', () => {
    expect(formatOffset(4012)).toBe('+4.012s');
    expect(formatOffset(0)).toBe('+0.000s');
  });

  it('shortens ids and clamps progress bars', () => {
    expect(shortId('0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a')).toBe('0b7f8e0e');
    expect(progressBar(50, 10)).toBe('[#####-----]');
    expect(progressBar(150, 4)).toBe('[####]');
    expect(progressBar(-5, 4)).toBe('[----]');
  });

  it('aligns table columns, numbers to the right', () => {
    const text = table(['job', 'latency'], [['1', '2 ms'], ['10', '1234 ms']], new Set([1]));
    expect(text.split('\n')).toEqual(['job  latency', '---  -------', '1       2 ms', '10   1234 ms']);
  });

  it('wraps lines wider than the screen so that each drawn row is one screen row', () => {
    const rows = fitToScreen(['short', 'x'.repeat(25)], 12, 40);
    expect(rows).toEqual(['short', 'x'.repeat(11), `  ${'x'.repeat(9)}`, `  ${'x'.repeat(5)}`]);
    expect(rows.every((row) => row.length < 12)).toBe(true);
  });

  it('keeps a block shorter than the screen, dropping its last rows when it is too tall', () => {
    expect(fitToScreen(['a', 'b', 'c', 'd'], 80, 3)).toEqual(['a', 'b']);
    expect(fitToScreen(['a', 'b'], 80, 40)).toEqual(['a', 'b']);
  });
});
