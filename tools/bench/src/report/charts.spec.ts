import { buildCharts } from './charts.js';
import { sampleReport } from './sample-report.fixture.js';

describe('buildCharts', () => {
  it('plots latency against jobs and cost against duration', () => {
    const files = buildCharts(sampleReport()).map((f) => f.file);
    expect(files).toEqual(['latency-p50.svg', 'latency-p99.svg', 'cost-requests.svg', 'cost-bytes.svg']);
  });

  it('names each strategy and profile in the legend', () => {
    const p99 = buildCharts(sampleReport())[1]?.svg ?? '';
    for (const name of ['SSE fixed', 'SSE spread', 'POLL fixed', 'NAIVE fixed']) expect(p99).toContain(`>${name}<`);
  });

  it('draws nothing for scenarios that did not run', () => {
    expect(buildCharts(sampleReport({ latency: [], cost: [] }))).toEqual([]);
  });
});
