import type { AbuseEventLoopResult, AbuseKeysResult, AbuseResult, AbuseSoakResult, LoopDelay } from './abuse-types.js';
import { formatCount, formatDuration, formatMegabytes, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const signedMegabytes = (bytes: number): string => `${bytes < 0 ? '−' : '+'}${formatMegabytes(Math.abs(bytes))}`;

function keysPart(r: AbuseKeysResult): string[] {
  const failures = r.failed > 0 ? [`- ${r.failed} creates failed: ${r.errors.join('; ')}`, ''] : [];
  return [
    '### Invented keys',
    '',
    `${formatCount(r.keys)} keys invented, one job of a day (\`durationMs: 86400000\`) created under each, 16 at a time, on a server with`,
    `\`PROGRESS_INTERVAL_MS=${r.progressIntervalMs}\`. Its \`VmRSS\` is read every 250 ms for ${r.durationS} s from the first create; "end" is the median of the`,
    'last second\'s readings, "before" of five readings before the first create. Live heap: `heapUsed` right after a full',
    'collection forced in the server. Server CPU is its user + system time over the same span.',
    '',
    markdownTable(
      ['keys', 'created', 'created in', 'RSS before', 'RSS end', 'growth', 'peak growth', 'live heap growth', 'server CPU'],
      [
        [
          formatCount(r.keys),
          formatCount(r.created),
          `${formatMs(r.createMs)} ms`,
          formatMegabytes(r.rssBeforeBytes),
          formatMegabytes(r.rssEndBytes),
          signedMegabytes(r.rssEndBytes - r.rssBeforeBytes),
          signedMegabytes(r.rssPeakBytes - r.rssBeforeBytes),
          signedMegabytes(r.heapEndBytes - r.heapBeforeBytes),
          `${formatMs(r.serverCpuMs)} ms`,
        ],
      ],
      'rrrrrrrrr',
    ),
    ...failures,
  ];
}

function delayRow(window: string, span: number, d: LoopDelay): string[] {
  return [window, `${formatMs(span)} ms`, formatCount(d.samples), formatMs(d.p50), formatMs(d.p99), formatMs(d.max), percent(d.utilization)];
}

function eventLoopPart(r: AbuseEventLoopResult): string[] {
  const problems = [
    ...(r.createFailed > 0 ? [`- ${formatCount(r.createFailed)} creates failed.`] : []),
    ...(r.failed > 0 ? [`- ${r.failed} connects failed: ${r.errors.join('; ')}`] : []),
  ];
  return [
    '### Event loop while a caller with many jobs connects',
    '',
    `${formatCount(r.jobs)} pending jobs of one caller, created with autocannon (32 connections), then ${r.connects} event streams of that`,
    'caller opened at once, each of which starts with a snapshot of every pending job. The delay is measured inside the',
    'server process (`perf_hooks.monitorEventLoopDelay`, preloaded with `--require harness/loop-delay-on-signal.cjs`):',
    'the time between two ticks of a 10 ms timer, so an idle loop reads about 10 ms and a loop held for 100 ms about',
    '110 ms. Two windows: while the jobs were created, and from the first connect until the last snapshot event arrived.',
    `Snapshot events received: ${formatCount(r.eventsReceived)} of ${formatCount(r.eventsExpected)} (${formatCount(r.created)} jobs × ${r.opened} streams).`,
    '',
    markdownTable(
      ['window', 'span', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'loop busy'],
      [delayRow(`creating ${formatCount(r.created)} jobs`, r.createMs, r.creating), delayRow(`${r.connects} SSE connects`, r.connectMs, r.connecting)],
      'lrrrrrr',
    ),
    ...(problems.length > 0 ? [...problems, ''] : []),
  ];
}

function soakPart(r: AbuseSoakResult): string[] {
  const env = Object.entries(r.serverEnv)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ');
  const [minMs, maxMs] = r.jobDurationMs;
  return [
    '### Many streams, jobs flowing',
    '',
    `${formatCount(r.connections)} event streams (${r.callers} callers × ${r.connections / r.callers}), held by the load process as raw \`GET /status\``,
    'requests that resume with `Last-Event-ID` a second after the server ends one, as a browser\'s `EventSource` does.',
    `Jobs are created at ${r.jobsPerSecond} a second, the callers in turn, each lasting ${formatDuration(minMs)}–${formatDuration(maxMs)}. Server: ${env}.`,
    `The RSS baseline is read after ${r.warmupS} s of flow, the end ${formatDuration(r.durationS * 1000)} later (medians of five readings), the peak`,
    "from readings between. When the flow stops and the last job has ended, every stream's account is checked: a job's",
    'final state that never reached a stream of its caller is lost; one that came twice, or an event whose id was not',
    'above the previous one on its stream, is a duplicate.',
    '',
    markdownTable(
      ['streams', 'opened', 'jobs', 'final states expected', 'delivered', 'lost', 'duplicates', 'events', 'resumed', 'RSS baseline', 'RSS end', 'growth', 'RSS peak'],
      [
        [
          formatCount(r.connections),
          formatCount(r.opened),
          formatCount(r.jobsCreated),
          formatCount(r.expected),
          formatCount(r.delivered),
          formatCount(r.lost),
          formatCount(r.duplicates),
          formatCount(r.events),
          formatCount(r.reconnects),
          formatMegabytes(r.rssBaselineBytes),
          formatMegabytes(r.rssEndBytes),
          percent(r.rssGrowth),
          formatMegabytes(r.rssPeakBytes),
        ],
      ],
      'rrrrrrrrrrrrr',
    ),
    ...(r.createFailed > 0 ? [`- ${formatCount(r.createFailed)} creates failed.`, ''] : []),
  ];
}

/**
 * The abuse section of the report: one part per abuse case that ran, with its method.
 *
 * @param abuse - the abuse scenario's results
 * @returns markdown lines, none when no part ran
 */
export function abuseSection(abuse: AbuseResult): string[] {
  const parts = [
    ...(abuse.keys === null ? [] : keysPart(abuse.keys)),
    ...(abuse.eventLoop === null ? [] : eventLoopPart(abuse.eventLoop)),
    ...(abuse.soak === null ? [] : soakPart(abuse.soak)),
  ];
  if (parts.length === 0) return [];
  return ['## 6. Abuse', '', 'Callers that push the server\'s limits, each case against its own fresh server process.', '', ...parts];
}
