import { throughputResult } from './sample-report.fixture.js';
import { throughputMedians } from './throughput-medians.js';
import { throughputTargets } from './throughput-targets.js';
import type { ThroughputResult, ThroughputServer } from './throughput-types.js';

const RATES = { ours: 13_000, 'ours-logging': 10_500, original: 3000, bare: 16_500 };

describe('throughputTargets', () => {
  it('compares the API with the original-shaped reference and with the bare route round by round', () => {
    const [vsOriginal, vsBare] = throughputTargets(throughputResult(RATES));
    expect(vsOriginal).toEqual({
      target: "ours ≥ 4× the original-shaped reference's req/s (50 connections)",
      measured: '4.33×',
      met: true,
      note: "108% of the minimum; median of 3 rounds' ratios; ratio of the medians 4.33× (13,000 vs 3,000 req/s); by CPU time per request 4.33×; with a log line per request 3.50×",
    });
    expect(vsBare).toMatchObject({ measured: '79%', met: true });
    expect(vsBare?.note).toContain('13,000 vs 16,500 req/s');
  });

  it('takes the median of the ratios within each round, not the ratio of the medians', () => {
    const result = throughputResult(RATES);
    const withRates = (rates: Partial<Record<ThroughputServer, number[]>>): ThroughputResult => ({
      ...result,
      servers: result.servers.map((s) => {
        const own = rates[s.server];
        if (own === undefined) return s;
        const rounds = s.rounds.map((r, i) => ({ ...r, requestsPerSecond: own[i] ?? 0 }));
        return { ...s, rounds, median: throughputMedians(rounds) };
      }),
    });
    // Within the rounds: 5.00×, 3.56×, 6.00×. The medians, 16,000 and 4,000, come from different rounds.
    const [vsOriginal] = throughputTargets(withRates({ ours: [20_000, 16_000, 12_000], original: [4000, 4500, 2000] }));
    expect(vsOriginal).toMatchObject({ measured: '5.00×', met: true });
    expect(vsOriginal?.note).toContain('ratio of the medians 4.00× (16,000 vs 4,000 req/s)');
  });

  it('says by how much the API misses a ratio', () => {
    const [vsOriginal, vsBare] = throughputTargets(throughputResult({ ...RATES, original: 4000, bare: 20_000 }));
    expect(vsOriginal).toMatchObject({ measured: '3.25×', met: false });
    expect(vsOriginal?.note).toMatch(/^missed by 0\.75× \(19% under\)/);
    expect(vsBare).toMatchObject({ measured: '65%', met: false });
  });

  it("checks the API's measured p99 at 1,000 req/s offered, with autocannon's corrected p99 and the bare route's beside it", () => {
    expect(throughputTargets(throughputResult(RATES))[2]).toEqual({
      target: 'ours p99 ≤ 10 ms at 1,000 req/s offered',
      measured: '6.00 ms',
      met: true,
      note: "60% of the limit; autocannon's corrected p99 15.0 ms; bare Fastify route at the same rate 4.00 ms",
    });
  });

  it('fails the fixed-rate target when requests failed or the rate was not held', () => {
    const result = throughputResult(RATES);
    const withOurs = (change: Partial<ThroughputResult['offered'][number]>): ThroughputResult => ({
      ...result,
      offered: result.offered.map((run) => (run.server === 'ours' ? { ...run, ...change } : run)),
    });
    expect(throughputTargets(withOurs({ non2xx: 3 }))[2]).toMatchObject({ met: false });
    expect(throughputTargets(withOurs({ non2xx: 3 }))[2]?.note).toMatch(/; 3 requests failed$/);
    expect(throughputTargets(withOurs({ requestsPerSecond: 700 }))[2]?.note).toMatch(/; answered only 700 req\/s$/);
    expect(throughputTargets({ ...result, offered: [] })[2]?.met).toBeNull();
  });

  it('marks the targets not measured when the scenario did not run or ran with other connections', () => {
    expect(throughputTargets(null).map((t) => t.met)).toEqual([null, null, null]);
    const other = throughputTargets({ ...throughputResult(RATES), connections: 10 });
    expect(other.map((t) => t.measured)).toEqual(['not measured (run with 10 connections)', 'not measured (run with 10 connections)', '6.00 ms']);
  });
});
