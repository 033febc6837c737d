import { runSeedScenario, SEED_GAPS_MS } from '../scenario/seed-scenario.js';
import { logFigures } from '../support/figures.js';
import { useProxyToGlobalApi } from '../support/stack.js';

const JOB_TIME = Number(process.env['E2E_JOB_TIME'] ?? 3000);
const JOBS = SEED_GAPS_MS.length + 1;
/**
 * With the server's hints a polled job needs about one request; reconciliation reads after
 * reconnects add one or two. A client polling every job each second would spend 3 per job.
 */
const STATUS_REQUESTS_PER_JOB_BOUND = 3;
/** Batch reads cover every watched job at once: the whole scenario stays under 2 per job. */
const STATUS_REQUESTS_TOTAL_BOUND = 10;

describe('the seed scenario: five jobs and a network change at the third', () => {
  const proxy = useProxyToGlobalApi();

  it('reports every job once, falling back to polling when the stream is cut and refused', async () => {
    const report = await runSeedScenario({ url: proxy().url, proxy: proxy(), settleTimeoutMs: JOB_TIME + 20_000 });

    // The network change hit a live stream, and the client really tried streams it was refused.
    expect(report.streamsCut).toBe(1);
    expect(report.proxyStats.refusedStreams).toBeGreaterThanOrEqual(1);

    // Counted after the client was disposed: every job ended once, none twice, none lost.
    expect(report.jobs.map((job) => job.status)).toEqual(Array(JOBS).fill('completed'));
    expect([...report.terminalCallbacks.values()]).toEqual(Array(JOBS).fill(1));

    // The fallback came after the network change, and a recovery (if the run lasted long
    // enough for one) after the fallback.
    const fallback = report.switches.find((change) => change.from === 'SSE' && change.to !== 'SSE');
    expect(fallback?.seq).toBeGreaterThan(report.networkChangeSeq);
    const recovery = report.switches.find((change) => change.to === 'SSE' && change.from !== null);
    if (recovery !== undefined) expect(recovery.seq).toBeGreaterThan(fallback?.seq ?? Infinity);

    for (const job of report.jobs) {
      expect(job.requests).toBeLessThanOrEqual(STATUS_REQUESTS_PER_JOB_BOUND);
      if (job.seq < report.networkChangeSeq) {
        // Reported before the change: the stream delivered it.
        expect(job.transport).toBe('SSE');
      } else if (job.seq > (fallback?.seq ?? Infinity) && job.seq < (recovery?.seq ?? Infinity)) {
        // Reported while the client was polling: polling reported it, at a cost in requests.
        expect(job.transport).toBe(fallback?.to);
        expect(job.requests).toBeGreaterThanOrEqual(1);
      }
    }
    expect(report.clientStats.statusRequests).toBeLessThanOrEqual(STATUS_REQUESTS_TOTAL_BOUND);
    // The client counts the requests it started; the proxy, those that reached it. A request
    // started on a pooled connection that the network change had just cut never arrives, so the
    // network sees at most what the client counted.
    expect(report.proxyStats.requests.status + report.proxyStats.requests.batch).toBeLessThanOrEqual(report.clientStats.statusRequests);
    expect(report.proxyStats.requests.create).toBe(JOBS);
    logFigures('seed', {
      durationMs: report.durationMs,
      jobs: report.jobs.map((job) => `#${job.index} ${job.transport} ${job.latencyMs}ms ${job.requests}req`),
      switches: report.switches.map((change) => `${change.atMs}ms ${change.from}->${change.to} (${change.reason})`),
      client: report.clientStats,
      proxy: report.proxyStats,
    });
  });
});
