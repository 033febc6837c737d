import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('keeps an entry used since the last generation began and forgets one that was not', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2); // a full generation: `a` and `b` are now the previous one
    expect(map.get('a')).toBe(1); // used again, so kept
    map.set('c', 3); // a second full generation drops `b`, which was not used in it
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(1);
    expect(map.get('c')).toBe(3);
  });

  it('never holds more than twice its capacity', () => {
    const map = new LruMap<number, number>(100);
    for (let i = 0; i < 1_000; i++) {
      map.set(i, i);
      expect(map.size).toBeLessThanOrEqual(200);
    }
    expect(map.get(999)).toBe(999);
    expect(map.get(0)).toBeUndefined();
  });

  it('replaces the value of a key it holds', () => {
    const map = new LruMap<string, number>(4);
    map.set('a', 1);
    expect(map.set('a', 10)).toBe(10);
    expect(map.size).toBe(1);
    expect(map.get('a')).toBe(10);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a capacity of %p', (capacity) => {
    expect(() => new LruMap(capacity)).toThrow(/`capacity`/);
  });
});
