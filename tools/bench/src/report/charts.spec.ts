import { buildCharts } from './charts.js';
import { cutAtCompletionResult, sampleReport } from './sample-report.fixture.js';

describe('buildCharts', () => {
  it('plots latency against jobs and cost against duration', () => {
    const files = buildCharts(sampleReport()).map((f) => f.file);
    expect(files).toEqual(['latency-p50.svg', 'latency-p99.svg', 'cost-requests.svg', 'cost-bytes.svg']);
  });

  it('names each strategy and profile in the legend', () => {
    const p99 = buildCharts(sampleReport())[1]?.svg ?? '';
    for (const name of ['SSE fixed', 'SSE spread', 'POLL fixed', 'NAIVE fixed']) expect(p99).toContain(`>${name}<`);
  });

  it('leaves a disrupted case out of the latency curves', () => {
    const report = sampleReport();
    const plain = buildCharts(report)[0]?.svg;
    expect(buildCharts(sampleReport({ latency: [...report.latency, cutAtCompletionResult(150, 400)] }))[0]?.svg).toBe(plain);
  });

  it('draws nothing for scenarios that did not run', () => {
    expect(buildCharts(sampleReport({ latency: [], cost: [] }))).toEqual([]);
  });
});
