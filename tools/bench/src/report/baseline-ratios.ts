import { ratio } from '../stats/ratios.js';
import type { CostResult, LatencyResult } from './result-types.js';

/**
 * Adds to each latency result its p50 and p99 relative to the naive baseline measured for the
 * same number of jobs and duration profile in the same run (the baseline's own ratio is 1). A
 * case with a disruption gets `null` ratios.
 *
 * @param results - latency results of one run
 * @returns new results carrying `ratioToNaive`; a case without a baseline gets `null` ratios
 */
export function withLatencyRatios(results: readonly LatencyResult[]): LatencyResult[] {
  return results.map((result) => {
    // The baseline is measured undisturbed only: a disrupted case has no counterpart.
    const naive =
      result.disruption === undefined
        ? results.find((r) => r.strategy === 'NAIVE' && r.jobs === result.jobs && r.profile === result.profile && r.disruption === undefined)
        : undefined;
    return {
      ...result,
      ratioToNaive: {
        p50: ratio(result.latencyMs?.p50, naive?.latencyMs?.p50),
        p99: ratio(result.latencyMs?.p99, naive?.latencyMs?.p99),
      },
    };
  });
}

/**
 * Adds to each cost result its status requests and bytes per job relative to the naive
 * baseline's for the same job duration in the same run.
 *
 * @param results - cost results of one run
 * @returns new results carrying `ratioToNaive`
 */
export function withCostRatios(results: readonly CostResult[]): CostResult[] {
  return results.map((result) => {
    const naive = results.find((r) => r.strategy === 'NAIVE' && r.durationMs === result.durationMs);
    return {
      ...result,
      ratioToNaive: {
        requests: ratio(result.statusRequestsPerJob, naive?.statusRequestsPerJob),
        bytes: ratio(result.bytesPerJob, naive?.bytesPerJob),
      },
    };
  });
}
