import { busyShare, parseCpuMs, parseCpuTicks, parseVmRss } from './proc-files.js';

describe('parseVmRss', () => {
  it('reads VmRSS in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t  9000 kB\nVmRSS:\t   51200 kB\nThreads:\t7\n')).toBe(51200 * 1024);
  });

  it('fails when the line is missing', () => {
    expect(() => parseVmRss('Name:\tnode\n')).toThrow(/VmRSS/);
  });
});

describe('parseCpuMs', () => {
  it('adds user and system time, counting fields after the command name', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 11 0 100 0 0';
    expect(parseCpuMs(stat)).toBe(3000);
  });

  it('fails on text that is not a stat line', () => {
    expect(() => parseCpuMs('nothing')).toThrow(/stat/);
  });
});

describe('parseCpuTicks', () => {
  const stat = (user: number, idle: number, guest = 0): string =>
    `cpu  ${user} 0 100 ${idle} 50 0 10 0 ${guest} 0\ncpu0 1 0 1 1 0 0 0 0 0 0\nintr 12345\n`;

  it('counts every field but idle and iowait as busy, over all cores, leaving guest time out (it is in user already)', () => {
    expect(parseCpuTicks(stat(1000, 4000))).toEqual({ busy: 1110, total: 5160 });
    expect(parseCpuTicks(stat(1000, 4000, 300))).toEqual({ busy: 1110, total: 5160 });
  });

  it('fails when the cpu line is missing', () => {
    expect(() => parseCpuTicks('intr 1\n')).toThrow(/cpu line/);
  });
});

describe('busyShare', () => {
  it('divides the busy ticks between two readings by all ticks between them', () => {
    expect(busyShare({ busy: 100, total: 400 }, { busy: 250, total: 600 })).toBe(0.75);
    expect(busyShare({ busy: 100, total: 400 }, { busy: 100, total: 400 })).toBeNull();
  });
});
