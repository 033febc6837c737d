import { describeDrift, findDrift } from './drift.js';

describe('findDrift', () => {
  it('reports nothing when every committed file matches its regenerated text', () => {
    expect(findDrift([{ file: 'a.ts', committed: 'x\ny\n', expected: 'x\ny\n' }])).toEqual([]);
  });

  it('names the first differing line of a hand-edited file', () => {
    const [drift] = findDrift([{ file: 'a.ts', committed: 'x\nedited\nz\n', expected: 'x\ny\nz\n' }]);
    expect(drift).toEqual({ file: 'a.ts', line: 2, committedLine: 'edited', expectedLine: 'y' });
  });

  it('reports a missing file', () => {
    expect(describeDrift(findDrift([{ file: 'a.ts', committed: undefined, expected: 'x' }]))).toBe('a.ts: missing');
  });

  it('reports lines added at the end', () => {
    const [drift] = findDrift([{ file: 'a.ts', committed: 'x', expected: 'x\ny' }]);
    expect(drift?.line).toBe(2);
    expect(describeDrift(drift ? [drift] : [])).toContain('committed: <end of file>');
  });
});
