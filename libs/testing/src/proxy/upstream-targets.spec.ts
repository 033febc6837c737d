import { UpstreamTargets } from './upstream-targets.js';

describe('UpstreamTargets', () => {
  it('gives each new connection the next target in turn', () => {
    const targets = UpstreamTargets.from({ targetPorts: [4001, 4002, 4003] });
    const ports = Array.from({ length: 7 }, () => targets.next(new Set())?.port);
    expect(ports).toEqual([4001, 4002, 4003, 4001, 4002, 4003, 4001]);
  });

  it('skips the targets a connection already tried, and moves the turn past the one it takes', () => {
    const targets = UpstreamTargets.from({ targetPorts: [4001, 4002, 4003] });
    expect(targets.next(new Set())).toEqual({ index: 0, port: 4001 });
    // The next connection tries 4002, which fails: it moves on to 4003.
    const tried = new Set<number>();
    const first = targets.next(tried);
    expect(first).toEqual({ index: 1, port: 4002 });
    tried.add(1);
    expect(targets.next(tried)).toEqual({ index: 2, port: 4003 });
    // The turn is past 4003 now.
    expect(targets.next(new Set())).toEqual({ index: 0, port: 4001 });
  });

  it('has nothing left once a connection tried every target', () => {
    const targets = UpstreamTargets.from({ targetPorts: [4001, 4002] });
    expect(targets.next(new Set([0, 1]))).toBeUndefined();
  });

  it('treats a single `targetPort` as a list of one', () => {
    const targets = UpstreamTargets.from({ targetPort: 4001 });
    expect(targets.ports).toEqual([4001]);
    expect([targets.next(new Set()), targets.next(new Set())]).toEqual([
      { index: 0, port: 4001 },
      { index: 0, port: 4001 },
    ]);
  });

  it('rejects options that do not name exactly one valid upstream, naming the option', () => {
    expect(() => UpstreamTargets.from({} as never)).toThrow('Expected exactly one of `targetPort` and `targetPorts`.');
    // @ts-expect-error -- exactly one of the two
    expect(() => UpstreamTargets.from({ targetPort: 4001, targetPorts: [4002] })).toThrow(TypeError);
    expect(() => UpstreamTargets.from({ targetPorts: [] })).toThrow('Expected `targetPorts` to be a non-empty array of ports.');
    expect(() => UpstreamTargets.from({ targetPorts: [4001, 0] })).toThrow('Expected `targetPorts[1]` to be a port from 1 to 65535, got 0.');
    expect(() => UpstreamTargets.from({ targetPort: 1.5 })).toThrow('Expected `targetPort` to be a port from 1 to 65535, got 1.5.');
  });
});
