import { inAlternatingRounds } from './alternating-rounds.js';

describe('inAlternatingRounds', () => {
  it('measures the keys in order in odd rounds and in reverse in even ones, one at a time', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    const results = await inAlternatingRounds(['a', 'b', 'c'], 3, async (key) => {
      expect(++inFlight).toBe(1);
      calls.push(key);
      await Promise.resolve();
      inFlight--;
      return `${key}${calls.length}`;
    });
    expect(calls.join('')).toBe('abccbaabc');
    expect(results).toEqual(
      new Map([
        ['a', ['a1', 'a6', 'a7']],
        ['b', ['b2', 'b5', 'b8']],
        ['c', ['c3', 'c4', 'c9']],
      ]),
    );
  });

  it('reports every result with its round, and gives empty lists for no rounds', async () => {
    const seen: [string, number, number][] = [];
    await inAlternatingRounds(['x', 'y'], 2, async (key) => key.length, (key, round, result) => seen.push([key, round, result]));
    expect(seen).toEqual([
      ['x', 1, 1],
      ['y', 1, 1],
      ['y', 2, 1],
      ['x', 2, 1],
    ]);
    expect(await inAlternatingRounds(['x'], 0, async () => 1)).toEqual(new Map([['x', []]]));
  });
});
