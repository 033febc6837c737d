import { formatRatio } from '../stats/ratios.js';
import { formatBytes, formatCount, formatDuration, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';
import { abuseSection } from './render-abuse.js';
import { storeSection } from './render-store.js';
import { throughputSection } from './render-throughput.js';
import type { BenchReport, CostResult, LatencyCase, LatencyResult, SseCapacityResult } from './result-types.js';

function missedCell(r: { readonly missed: number; readonly failed: number }): string {
  return r.failed > 0 ? `${r.missed} (${r.failed} failed)` : String(r.missed);
}

function failureNotes(label: string, r: { readonly failed: number; readonly errors: readonly string[] }): string[] {
  return r.failed > 0 ? [`- ${label}: ${r.failed} jobs failed: ${r.errors.join('; ')}`] : [];
}

/**
 * How a latency row names what it measured: the strategy, and the disruption played if any.
 *
 * @param r - a latency case
 * @returns e.g. `SSE` or `SSE, stream cut at completion`
 */
export function transportLabel(r: LatencyCase): string {
  return r.disruption === 'cut-at-completion' ? `${r.strategy}, stream cut at completion` : r.strategy;
}

function durations(r: LatencyResult): string {
  return r.profile === 'fixed' ? `fixed ${formatDuration(r.minMs)}` : `spread ${formatDuration(r.minMs)}–${formatDuration(r.maxMs)}`;
}

function machineLine(report: BenchReport): string {
  const m = report.machine;
  const load = m.loadAverage.map((l) => l.toFixed(2)).join(' / ');
  return `${m.cpus} cores (${m.cpuModel}), Node ${m.node}, ${m.platform} ${m.arch}, ${formatCount(m.totalMemoryMb)} MB RAM; load average at start ${load}`;
}

function latencySection(report: BenchReport): string[] {
  if (report.latency.length === 0) return [];
  const notes = report.latency.flatMap((r) => {
    const label = `${transportLabel(r)}, ${formatCount(r.jobs)} jobs, ${r.profile}`;
    const early = `- ${label}: ${r.finishedBeforeWatch} jobs finished before watching began (left out of the latency figures).`;
    const cut = `- ${label}: the cut hit ${r.streamsCut ?? 0} open stream(s).`;
    return [...(r.finishedBeforeWatch > 0 ? [early] : []), ...(r.disruption !== undefined ? [cut] : []), ...failureNotes(label, r)];
  });
  if (notes.length > 0) notes.push('');
  const rows = report.latency.map((r) => [
    transportLabel(r),
    formatCount(r.jobs),
    durations(r),
    formatMs(r.latencyMs?.p50),
    formatMs(r.latencyMs?.p95),
    formatMs(r.latencyMs?.p99),
    formatMs(r.latencyMs?.max),
    missedCell(r),
    formatDuration(Math.round(r.createMs)),
    (r.statusRequests / r.jobs).toFixed(2),
    formatRatio(r.ratioToNaive?.p50 ?? null),
    formatRatio(r.ratioToNaive?.p99 ?? null),
  ]);
  return [
    '## 1. Notification latency',
    '',
    'From the moment the server marks a job finished (its `completedAt`) to the client callback, on one',
    'client watching every job. The callback time is `performance.timeOrigin + performance.now()` in the',
    'client process, on the same machine clock as the server; `completedAt` has millisecond resolution, so',
    'each figure carries 0–1 ms (0.5 ms on average) of truncation. Each case runs in its own process',
    'against a fresh server (`PROGRESS_INTERVAL_MS=0`, other settings default) under its own caller key,',
    'after a warm-up of ten 100 ms jobs through a throw-away watcher of the same kind (once per process).',
    'The jobs are first created with raw requests, 16 at a time ("created in"), then all watched by one client',
    '(default options, no fallback); durations exceed the creation time, so every job is pending when watching',
    'begins and, with fixed durations, jobs finish at the rate they were created. "Missed" jobs were not',
    'notified within the grace period. NAIVE is the baseline: `GET /status/:id` per job once per second, at a',
    'fixed rate, each job starting at a random (seeded) point of its first second: the seed client began at',
    'creation, so its reads fall at random relative to real completions, and whole-second durations would',
    'otherwise line every read up with a completion. "Stream cut at completion": 20 jobs created together,',
    'watched over SSE through a TCP proxy (`@heygen-mock/testing`) that resets the event stream at the moment',
    'the first of them completes, so every completion reaches the client through its recovery (reconnect with',
    '`Last-Event-ID`, replay, reconciliation read); it has no naive counterpart and is left out of the plots.',
    '',
    markdownTable(
      ['transport', 'jobs', 'durations', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'missed', 'created in', 'status req/job', 'p50 vs naive', 'p99 vs naive'],
      rows,
      'llrrrrrrrrrr',
    ),
    ...notes,
    '![p50 latency](latency-p50.svg) ![p99 latency](latency-p99.svg)',
    '',
  ];
}

function costSection(report: BenchReport): string[] {
  const settings = report.cost.settings;
  if (settings === null || report.cost.results.length === 0) return [];
  const factor = Math.round(1 / settings.scale);
  const env = Object.entries(settings.serverEnv).map(([k, v]) => `\`${k}=${v}\``).join(', ');
  const client = Object.entries(settings.clientOptions).map(([k, v]) => `\`${k}: ${v}\``).join(', ');
  const kinds = (r: CostResult): string =>
    Object.entries(r.requests)
      .filter(([kind, n]) => kind !== 'create' && n > 0)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
  const rows = report.cost.results.map((r) => [
    r.strategy,
    formatDuration(r.durationMs),
    formatDuration(r.scaledDurationMs),
    r.statusRequestsPerJob.toFixed(2),
    formatBytes(r.bytesPerJob),
    formatRatio(r.ratioToNaive?.requests ?? null),
    formatRatio(r.ratioToNaive?.bytes ?? null),
    kinds(r),
    missedCell(r),
  ]);
  const notes = report.cost.results.flatMap((r) => failureNotes(`${r.strategy}, ${formatDuration(r.durationMs)}`, r));
  if (notes.length > 0) notes.push('');
  return [
    '## 2. Cost per job',
    '',
    `Time is scaled down ${factor}×: a nominal job duration D runs as D/${factor}, and every time setting that`,
    `shapes the request pattern is divided by ${factor} too, so request counts match a real-time run while`,
    `network round trips and server work are not scaled (they weigh ${factor}× more relative to the scaled`,
    `durations, which can only add requests). Server: ${env}. Client: ${client}. Naive baseline interval:`,
    `${settings.naiveIntervalMs} ms (1 s scaled). ${settings.jobsPerDuration} jobs per duration, each ±${Math.round(settings.spread * 100)}%`,
    'of the nominal duration, created at once with a separate connection; the watching client reaches the',
    'server through a TCP proxy that counts bytes both ways (HTTP payload on the wire, without TCP/IP headers)',
    'and request lines by kind, so creation is not counted. Per job = total / jobs. The durations of one',
    'transport run two at a time (longest first), each with its own key, client and proxy, against one fresh',
    'server per transport. The naive baseline polls as in the latency scenario (fixed rate, random first phase).',
    '',
    markdownTable(
      ['transport', 'job duration', 'scaled', 'status req/job', 'bytes/job', 'req vs naive', 'bytes vs naive', 'requests by kind', 'missed'],
      rows,
      'lllrrrrlr',
    ),
    ...notes,
    '![status requests per job](cost-requests.svg) ![bytes per job](cost-bytes.svg)',
    '',
  ];
}

/** What a connection's live heap is made of, and what it keeps outside the heap, when the run took snapshots. */
function heapBreakdownLines(r: SseCapacityResult): string[] {
  const breakdown = r.heapBreakdown;
  if (breakdown === null) return [];
  const total = breakdown.rows.reduce((sum, row) => sum + row.bytesPerUnit, 0);
  const outside = r.rssPerConnectionBytes === null || r.heapPerConnectionBytes === null ? null : r.rssPerConnectionBytes - r.heapPerConnectionBytes;
  return [
    `What a connection's live heap is made of: the server's heap in two snapshots (\`v8.writeHeapSnapshot\`, after the`,
    `${formatCount(r.connections)} were closed), before and while holding ${formatCount(breakdown.connections)} more connections; each kind's own`,
    '(shallow) size gained, divided by those connections. Objects are named by constructor, functions by name with `()`,',
    'native objects with "(native)", the rest by type: `(string)`, `(array)` (internal arrays), `(hidden)` (V8 internals),',
    `\`(code)\`. Kinds under ${formatBytes(100)} per connection are summed in "(other)". Memory outside the JavaScript heap`,
    `(socket buffers, libuv handles, the HTTP parser) shows as RSS minus live heap per connection in the table above${outside === null ? '' : `: ${formatBytes(outside)}`}.`,
    '',
    markdownTable(
      ['kind', 'objects per connection', 'bytes per connection', 'share'],
      breakdown.rows.map((row) => [
        `\`${row.kind}\``,
        row.countPerUnit === null ? '' : row.countPerUnit.toFixed(1),
        formatBytes(row.bytesPerUnit),
        total > 0 ? `${Math.round((100 * row.bytesPerUnit) / total)}%` : '',
      ]),
      'lrrr',
    ),
    `In all ${formatBytes(total)} per connection by the snapshots.`,
    '',
  ];
}

function serverSection(report: BenchReport): string[] {
  const { sse, fanout } = report.server;
  if (sse.length + fanout.length === 0) return [];
  const out = ['## 3. Server (one process)', ''];
  if (sse.length > 0) {
    out.push(
      '### Concurrent SSE connections',
      '',
      'Opened from a separate load process, each with its own caller key (`GET /status`, `Accept: text/event-stream`,',
      `\`HEARTBEAT_MS=${sse[0]?.heartbeatMs}\`); "alive" connections received a heartbeat after all were open. RSS is the server`,
      "process's `VmRSS` from `/proc/<pid>/status`, median of five readings; per connection = (held − before) / opened.",
      'RSS includes garbage not yet collected and heap pages V8 keeps after collecting, so the live heap is shown',
      'too: `heapUsed` right after a full collection forced in the server (`--expose-gc`, triggered by a signal).',
      '',
      markdownTable(
        ['connections', 'opened', 'alive', 'failed', 'open time', 'RSS before', 'RSS held', 'RSS per connection', 'live heap per connection', 'RSS after close'],
        sse.map((r) => [
          formatCount(r.connections),
          formatCount(r.opened),
          formatCount(r.alive),
          formatCount(r.failed),
          `${formatMs(r.openMs)} ms`,
          formatBytes(r.rssBeforeBytes),
          formatBytes(r.rssHeldBytes),
          formatBytes(r.rssPerConnectionBytes),
          formatBytes(r.heapPerConnectionBytes),
          formatBytes(r.rssAfterCloseBytes),
        ]),
        'rrrrrrrrrr',
      ),
    );
    for (const r of sse) out.push(...heapBreakdownLines(r));
  }
  if (fanout.length > 0) {
    out.push(
      '### Event fan-out',
      '',
      'Connections of one caller (in the load process) watch jobs created to complete at one common instant;',
      'events/s counts the completion events delivered to all connections, from that instant to the last delivery.',
      'CPU is what the server and the receiving load process used over that span; "late" jobs were created after',
      'the instant (they complete a little later and stretch the span).',
      '',
      markdownTable(
        ['connections', 'jobs', 'expected events', 'delivered', 'span', 'events/s', 'server CPU', 'receiver CPU', 'late'],
        fanout.map((r) => [
          formatCount(r.connections),
          formatCount(r.jobs),
          formatCount(r.expected),
          formatCount(r.delivered),
          `${formatMs(r.spanMs)} ms`,
          formatCount(r.eventsPerSecond),
          `${formatMs(r.serverCpuMs)} ms`,
          `${formatMs(r.receiverCpuMs)} ms`,
          String(r.late),
        ]),
        'rrrrrrrrr',
      ),
    );
  }
  return out;
}

function bundleSection(report: BenchReport): string[] {
  const b = report.bundle;
  if (b === null) return [];
  return [
    '## 7. Client bundle',
    '',
    `\`${b.entry}\` bundled by esbuild (ESM, browser, minified) and gzipped at level 9.`,
    '',
    markdownTable(
      ['bundle', 'minified', 'gzip -9'],
      [
        ['client with its dependencies', formatBytes(b.minifiedBytes), formatBytes(b.gzipBytes)],
        ['client code only (dependencies external)', formatBytes(b.ownMinifiedBytes), formatBytes(b.ownGzipBytes)],
      ],
      'lrr',
    ),
  ];
}

/**
 * The targets table alone, as the README shows it.
 *
 * @param report - a finished run
 * @returns a markdown table
 */
export function renderTargetsTable(report: Pick<BenchReport, 'targets'>): string {
  const met = (m: boolean | null): string => (m === null ? 'not measured' : m ? 'met' : '**missed**');
  return markdownTable(
    ['target', 'measured', 'result', 'note'],
    report.targets.map((t) => [t.target, t.measured, met(t.met), t.note]),
  );
}

/**
 * Renders a run as the markdown report (`latest.md`): machine, targets, then one section per
 * scenario with its method and a table, and the failures if any.
 *
 * @param report - a finished run
 * @returns markdown
 */
export function renderMarkdown(report: BenchReport): string {
  const lines = [
    `# Benchmarks (${report.mode} run)`,
    '',
    `Command: \`${report.command}\`  `,
    `Started ${report.startedAt}, took ${formatDuration(Math.round(report.wallSeconds) * 1000)}.  `,
    `Machine: ${machineLine(report)}.`,
    '',
    ...(report.mode === 'smoke'
      ? ['A smoke run: small sizes, and the cases of a scenario share one process and server. It shows that', 'every scenario works; its figures are not the benchmark.', '']
      : []),
    '## Targets',
    '',
    renderTargetsTable(report),
    ...latencySection(report),
    ...costSection(report),
    ...serverSection(report),
    ...throughputSection(report.throughput),
    ...storeSection(report.store, report.redisInstances, report.machine.cpus),
    ...abuseSection(report.abuse),
    ...bundleSection(report),
  ];
  if (report.failures.length > 0) {
    lines.push('## Failures', '', ...report.failures.map((f) => `- ${f.scenario}: ${f.message}`), '');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
