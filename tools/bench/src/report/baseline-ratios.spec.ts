import { withCostRatios, withLatencyRatios } from './baseline-ratios.js';
import { costResult, cutAtCompletionResult, latencyResult } from './sample-report.fixture.js';

describe('withLatencyRatios', () => {
  it('divides by the naive baseline of the same jobs and profile', () => {
    const results = withLatencyRatios([
      latencyResult('SSE', 1000, 5, 20),
      latencyResult('NAIVE', 1000, 500, 1000),
      latencyResult('SSE', 10, 5, 20),
      latencyResult('NAIVE', 10, 250, 100),
      latencyResult('POLL', 1000, 50, 100, 'spread'),
    ]);
    expect(results[0]?.ratioToNaive).toEqual({ p50: 0.01, p99: 0.02 });
    expect(results[1]?.ratioToNaive).toEqual({ p50: 1, p99: 1 });
    expect(results[2]?.ratioToNaive).toEqual({ p50: 0.02, p99: 0.2 });
    expect(results[4]?.ratioToNaive).toEqual({ p50: null, p99: null });
  });

  it('gives a disrupted case no ratio, even beside a baseline of the same size', () => {
    const [cut] = withLatencyRatios([cutAtCompletionResult(150, 400), latencyResult('NAIVE', 20, 500, 1000)]);
    expect(cut?.ratioToNaive).toEqual({ p50: null, p99: null });
  });
});

describe('withCostRatios', () => {
  it('divides requests and bytes by the naive baseline of the same duration', () => {
    const results = withCostRatios([costResult('POLL', 60_000, 1.5, 1000), costResult('NAIVE', 60_000, 61, 50_000), costResult('SSE', 1000, 1, 1)]);
    expect(results[0]?.ratioToNaive?.requests).toBeCloseTo(1.5 / 61);
    expect(results[0]?.ratioToNaive?.bytes).toBeCloseTo(0.02);
    expect(results[2]?.ratioToNaive).toEqual({ requests: null, bytes: null });
  });
});
