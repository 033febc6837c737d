import { checkAtLeast, checkAtMost, notMeasured } from './target-check.js';

describe('checkAtMost', () => {
  it('says how much of the limit a met target uses', () => {
    expect(checkAtMost('t', 4, 5, (v) => `${v} ms`)).toEqual({ target: 't', measured: '4 ms', met: true, note: '80% of the limit' });
  });

  it('says by how much a target is missed', () => {
    expect(checkAtMost('t', 25, 20, (v) => `${v} ms`)).toEqual({ target: 't', measured: '25 ms', met: false, note: 'missed by 5 ms (25% over)' });
  });

  it('gives no share of the limit for a value below zero', () => {
    expect(checkAtMost('t', -18.1, 5, (v) => `${v}%`)).toEqual({ target: 't', measured: '-18.1%', met: true, note: 'below zero' });
  });
});

describe('checkAtLeast', () => {
  it('says how far above the minimum a met target is', () => {
    expect(checkAtLeast('t', 5, 4, (v) => `${v}×`)).toEqual({ target: 't', measured: '5×', met: true, note: '125% of the minimum' });
    expect(checkAtLeast('t', 4, 4, (v) => `${v}×`).met).toBe(true);
  });

  it('says by how much a target is missed', () => {
    expect(checkAtLeast('t', 3, 4, (v) => `${v}×`)).toEqual({ target: 't', measured: '3×', met: false, note: 'missed by 1× (25% under)' });
  });
});

describe('notMeasured', () => {
  it('neither passes nor fails, and says why', () => {
    expect(notMeasured('t', 'smaller run')).toEqual({ target: 't', measured: 'not measured (smaller run)', met: null, note: '' });
  });
});
