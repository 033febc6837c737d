import { renderSummary } from './render-summary.js';
import { cutAtCompletionResult, latencyResult, sampleReport } from './sample-report.fixture.js';

describe('renderSummary', () => {
  const summary = renderSummary(sampleReport());

  it('names the command, the machine and where the full report is', () => {
    expect(summary).toMatch(/^## Benchmarks\n/);
    expect(summary).toContain('Last full run: `npx nx run bench:run` on 2026-01-01, 700 s,');
    expect(summary).toContain('2 cores (Test CPU), Node v20.0.0');
    expect(summary).toContain('tools/bench/results/latest.md');
  });

  it('carries the targets and compact latency and cost tables', () => {
    expect(summary).toContain('| target | measured | result | note |');
    expect(summary).toContain('| SSE | 1,000 | 2.00 / 12.0 | 3.00 / 25.0 |');
    expect(summary).toContain('| NAIVE | 10 | 480 / 950 | – |');
    expect(summary).toContain('| transport | 1 s | 10 min |');
    expect(summary).toContain('| NAIVE | 2.00 / 1.76 KiB | 601.00 / 527.3 KiB |');
    expect(summary).toContain('(time scaled down 20×)');
  });

  it('carries the throughput of the API and the references, and leaves it out when it did not run', () => {
    expect(summary).toContain('`GET /status/:id`, 50 connections, medians of 3 round(s) of 6 s on 1 set(s) of processes');
    expect(summary).toContain('| original shape (NestJS + Express) | 3,000 | 12.0 | 333 |');
    expect(renderSummary(sampleReport({ throughput: null, redisInstances: null }))).not.toContain('GET /status/:id');
  });

  it('carries the job stores side by side, and leaves them out when they did not run', () => {
    expect(summary).toContain('Job stores (`JOB_STORE`), 50 connections, medians of 3 round(s) of 6 s; notification latency of 1,000 jobs');
    expect(summary).toContain('| SQLite | 4,000 | 250 | 20,000 | 1.50 / 6.00 |');
    expect(summary).toContain('| Redis | 3,000 | 333 | 15,000 | 2.50 / 10.0 |');
    expect(renderSummary(sampleReport({ store: null }))).not.toContain('Job stores');
  });

  it('carries the two instances on one Redis as measured, and leaves them out when they did not run', () => {
    expect(summary).toContain('Two instances on one Redis, as measured on 2 cores shared with Redis and the load: fan-out of 50,000 completion events');
    expect(summary).toContain('| `GET /status/:id`, 2 instances | 7,000 req/s (1.4×) |');
    expect(renderSummary(sampleReport({ redisInstances: null }))).not.toContain('Two instances on one Redis');
  });

  it('lists the cut-at-completion case after the others, in its own row', () => {
    const report = sampleReport();
    const summary = renderSummary(sampleReport({ latency: [...report.latency, cutAtCompletionResult(150, 400)] }));
    expect(summary).toMatch(/\| NAIVE \| 1,000 \|[^\n]*\n\| SSE, stream cut at completion \| 20 \| 150 \/ 400 \| – \|/);
    expect(summary).not.toContain('| SSE | 20 |');
  });

  it('says when a case notified nothing', () => {
    const failed = { ...latencyResult('SSE', 1000, 1, 2), latencyMs: null, missed: 1000 };
    expect(renderSummary(sampleReport({ latency: [failed] }))).toContain('| SSE | 1,000 | no job notified (1000 missed) | – |');
  });
});
