import { GROUPS, parseOptions } from './options.js';

describe('parseOptions', () => {
  it('runs every group in full mode by default', () => {
    expect(parseOptions([])).toEqual({ smoke: false, only: GROUPS, out: null });
  });

  it('accepts the forms Nx forwards', () => {
    expect(parseOptions(['--smoke']).smoke).toBe(true);
    expect(parseOptions(['--smoke=true']).smoke).toBe(true);
    expect(parseOptions(['--smoke=false']).smoke).toBe(false);
    expect(parseOptions(['--only=cost,latency']).only).toEqual(['latency', 'cost']);
    expect(parseOptions(['--only', 'server']).only).toEqual(['server']);
    expect(parseOptions(['--only=abuse,throughput']).only).toEqual(['throughput', 'abuse']);
    expect(parseOptions(['--only=bundle,store']).only).toEqual(['store', 'bundle']);
    expect(parseOptions(['--out', '/tmp/x']).out).toBe('/tmp/x');
  });

  it('rejects unknown options and groups, naming them', () => {
    expect(() => parseOptions(['--fast'])).toThrow(/Unknown option `--fast`/);
    expect(() => parseOptions(['smoke'])).toThrow(/Unknown argument `smoke`/);
    expect(() => parseOptions(['--only=latency,disk'])).toThrow(/got disk/);
    expect(() => parseOptions(['--out'])).toThrow(/`--out` to have a value/);
    expect(() => parseOptions(['--smoke=yes'])).toThrow(/`--smoke` to be true or false/);
  });
});
