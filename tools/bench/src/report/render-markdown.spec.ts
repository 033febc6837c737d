import { renderMarkdown, renderTargetsTable } from './render-markdown.js';
import type { LatencyResult } from './result-types.js';
import { cutAtCompletionResult, sampleReport } from './sample-report.fixture.js';

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleReport());

  it('starts with the command, the duration and the machine', () => {
    expect(markdown).toMatch(/^# Benchmarks \(full run\)\n/);
    expect(markdown).toContain('Command: `npx nx run bench:run`');
    expect(markdown).toContain('took 700 s');
    expect(markdown).toContain('2 cores (Test CPU), Node v20.0.0');
  });

  it('renders a latency row with percentiles and ratios to the naive baseline', () => {
    expect(markdown).toContain('| SSE | 1,000 | fixed 3 s | 2.00 | 12.0 | 12.0 | 24.0 | 0 | 100 ms | 2.00 | 0.0040× | 0.012× |');
    expect(markdown).toContain('| NAIVE | 1,000 | fixed 3 s | 500 | 990 | 990 | 1,980 | 0 | 100 ms | 2.00 | 1.0× | 1.0× |');
    expect(markdown).toContain('spread 3 s–5 s');
  });

  it('renders the cut-at-completion case as a row of its own, without naive ratios, and says what it does', () => {
    const report = sampleReport();
    const withCut = renderMarkdown(sampleReport({ latency: [...report.latency, cutAtCompletionResult(150, 400)] }));
    expect(withCut).toContain('| SSE, stream cut at completion | 20 | fixed 2 s | 150 | 400 | 400 | 800 | 0 | 100 ms | 2.00 | – | – |');
    expect(withCut).toContain('- SSE, stream cut at completion, 20 jobs, fixed: the cut hit 1 open stream(s).');
    expect(withCut).toContain('"Stream cut at completion": 20 jobs created together');
  });

  it('notes jobs that finished before watching began and jobs the watcher gave up on', () => {
    const [first] = sampleReport().latency;
    const noted = renderMarkdown(
      sampleReport({ latency: [{ ...(first as LatencyResult), finishedBeforeWatch: 3, missed: 5, failed: 4, errors: ['HttpError: HTTP 431'] }] }),
    );
    expect(noted).toContain('- SSE, 1,000 jobs, fixed: 3 jobs finished before watching began');
    expect(noted).toContain('| 5 (4 failed) |');
    expect(noted).toContain('- SSE, 1,000 jobs, fixed: 4 jobs failed: HttpError: HTTP 431');
    expect(markdown).not.toContain('finished before watching began');
    expect(markdown).not.toContain('failed:');
  });

  it('says how time was scaled in the cost section and renders its rows', () => {
    expect(markdown).toContain('Time is scaled down 20×');
    expect(markdown).toContain('`POLL_MIN_MS=5`');
    expect(markdown).toContain('`pollInterval: 50`');
    expect(markdown).toContain('| POLL | 10 min | 30 s | 1.50 | 1.37 KiB | 0.0025× | 0.0026× | status 30 | 0 |');
  });

  it('renders the server and bundle sections, and the throughput, store and abuse sections after the server', () => {
    expect(markdown).toContain('| 5,000 | 5,000 | 5,000 | 0 | 4,000 ms | 80.0 MiB | 128.8 MiB | 10.0 KiB | 6.00 KiB | 90.0 MiB |');
    expect(markdown).toContain('`HEARTBEAT_MS=2000`');
    expect(markdown).toContain('| 100 | 1,000 | 100,000 | 100,000 | 800 ms | 125,000 | 700 ms | 400 ms | 0 |');
    expect(markdown).toContain('| client with its dependencies | 13.7 KiB | 6.00 KiB |');
    expect(markdown).toContain('| SQLite | 4,000 | 0.89× | 3.00 | 12.0 | 250 | 4,200 / 4,000 / 2,000 | 0 |');
    expect(markdown).toContain('| the other instance | 30,000 | 1,667 | 31,000 / 30,000 / 15,000 | 400 | 150 | 0 | 0 |');
    expect(markdown).toContain('On 2 cores, with Redis and the load generator');
    const order = ['## 3. Server', '## 4. Throughput', '## 5. Job stores', '## 6. Abuse', '## 7. Client bundle'].map((heading) => markdown.indexOf(heading));
    expect(order.every((at, i) => at > (order[i - 1] ?? -1))).toBe(true);
  });

  it('breaks the live heap of a connection down by kind of object, with what it keeps outside the heap', () => {
    expect(markdown).toContain('while holding 1,000 more connections');
    expect(markdown).toContain('RSS minus live heap per connection in the table above: 4.00 KiB.');
    expect(markdown).toContain('| `Socket` | 1.0 | 2.00 KiB | 33% |');
    expect(markdown).toContain('| `(other)` |  | 2.50 KiB | 42% |');
    expect(markdown).toContain('In all 6.00 KiB per connection by the snapshots.');
  });

  it('leaves out the sections of scenarios that did not run and lists failures', () => {
    const partial = renderMarkdown(
      sampleReport({
        cost: [],
        sse: [],
        fanout: [],
        throughput: null,
        store: null,
        redisInstances: null,
        abuse: { keys: null, eventLoop: null, soak: null },
        bundle: null,
        failures: [{ scenario: 'cost SSE', message: 'boom' }],
      }),
    );
    expect(partial).not.toContain('## 2. Cost');
    expect(partial).not.toContain('## 3. Server');
    expect(partial).not.toContain('## 4. Throughput');
    expect(partial).not.toContain('## 5. Job stores');
    expect(partial).not.toContain('## 6. Abuse');
    expect(partial).not.toContain('## 7. Client bundle');
    expect(partial).toContain('## Failures\n\n- cost SSE: boom');
  });
});

describe('renderTargetsTable', () => {
  it('marks each target met, missed or not measured', () => {
    const table = renderTargetsTable(sampleReport({ cost: [] }));
    expect(table).toContain('| SSE p50 ≤ 5 ms at 1,000 jobs (fixed durations) | 2.00 ms | met | 40% of the limit |');
    expect(table).toContain(
      '| client bundle ≤ 5 KiB minified and gzipped | 6.00 KiB with dependencies | **missed** | missed by 1.00 KiB (20% over); client code alone 3.42 KiB |',
    );
    expect(table).toContain('| POLL ≤ 2 status requests per job, every duration | not measured (cost scenario not in this run) | not measured |  |');
  });
});
