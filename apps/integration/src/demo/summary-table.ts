import type { SeedScenarioReport } from '../scenario/seed-scenario.js';
import { formatOffset, shortId, table } from './format.js';

/**
 * The demo's closing summary: per job the transport that delivered its end, the notification
 * latency and the status requests it cost, then the transport switches and the totals.
 *
 * @param report - what the seed scenario observed
 * @returns the summary, newline-terminated
 */
export function formatSummary(report: SeedScenarioReport): string {
  const rows = report.jobs.map((job) => [
    String(job.index),
    shortId(job.id),
    job.status,
    job.transport,
    `${job.latencyMs} ms`,
    String(job.requests),
    String(report.terminalCallbacks.get(job.id) ?? 0),
    formatOffset(job.completedAt - report.startedAt),
  ]);
  const header = ['job', 'id', 'status', 'transport at completion', 'latency', 'requests', 'deliveries', 'completed at'];
  const switches = report.switches.map(
    (change) => `  ${formatOffset(change.atMs)}  ${change.from ?? '(none)'} -> ${change.to}  (${change.reason})`,
  );
  const { clientStats: client, proxyStats: proxy } = report;
  const latencies = report.jobs.map((job) => job.latencyMs);
  return [
    '',
    'Summary',
    table(header, rows, new Set([0, 4, 5, 6])),
    '',
    'Transport switches:',
    ...(switches.length > 0 ? switches : ['  none']),
    '',
    `Jobs: ${report.jobs.length} in ${(report.durationMs / 1000).toFixed(1)} s; latency max ${Math.max(...latencies)} ms; ` +
      `status requests ${report.jobs.reduce((sum, job) => sum + job.requests, 0)} (by job) / ${client.statusRequests} (client total)`,
    `Client: ${client.requests} requests (${client.createRequests} create, ${client.statusRequests} status), ` +
      `${client.streamConnects} stream connects, ${client.reconnects} reconnects, ${client.fallbacks} fallbacks, ` +
      `${client.recoveries} recoveries, ${client.eventsReceived} events`,
    `Network: ${report.streamsCut} stream(s) cut, ${proxy.refusedStreams} stream request(s) refused, ` +
      `${proxy.connections} connections, ${proxy.streamConnections} streams`,
    '',
  ].join('\n');
}
