import { parseCpuMs, parseVmRss } from './proc-files.js';

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
