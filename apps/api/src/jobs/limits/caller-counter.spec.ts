import { CallerCounter } from './caller-counter.js';

describe('CallerCounter', () => {
  it('refuses past a caller’s limit first, then past the total, and counts releases back', () => {
    const counter = new CallerCounter(2, 3);
    expect([counter.acquire('alice'), counter.acquire('alice'), counter.acquire('alice')]).toEqual(['ok', 'ok', 'caller']);
    expect([counter.acquire('bob'), counter.acquire('carol')]).toEqual(['ok', 'total']);
    counter.release('alice');
    expect(counter.acquire('carol')).toBe('ok');
    expect(counter.held).toBe(3);
  });

  it('leaves nothing behind for a caller that released everything, and ignores unknown releases', () => {
    const counter = new CallerCounter(5, 5);
    counter.acquire('alice');
    counter.release('alice');
    counter.release('alice');
    counter.release('nobody');
    expect(counter.callers).toBe(0);
    expect(counter.held).toBe(0);
  });
});
