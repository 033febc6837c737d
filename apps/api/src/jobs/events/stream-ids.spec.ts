import fc from 'fast-check';
import { fromStreamId, toStreamId } from './stream-ids.js';

describe('stream ids', () => {
  it('map event ids to stream entry ids one to one, in the same order', () => {
    expect(toStreamId(1_796_526_766_586_042)).toBe('1796526766586-42');
    expect(fromStreamId('1796526766586-42')).toBe(1_796_526_766_586_042);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (a, b) => {
        expect(fromStreamId(toStreamId(a))).toBe(a);
        const [msA, seqA] = toStreamId(a).split('-').map(Number) as [number, number];
        const [msB, seqB] = toStreamId(b).split('-').map(Number) as [number, number];
        expect(Math.sign(msA - msB || seqA - seqB)).toBe(Math.sign(a - b));
      }),
    );
  });
});
