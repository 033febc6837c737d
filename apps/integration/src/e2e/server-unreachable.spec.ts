import { HeyGenStatusListenerMode } from '@heygen-mock/client';
import { waitFor, waitForJobsToEnd } from '@heygen-mock/testing';
import { logFigures } from '../support/figures.js';
import { globalApiUrl, useProxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const JOBS = 8;

describe('the server unreachable while the jobs finish', () => {
  const proxy = useProxyToGlobalApi();

  it.each([HeyGenStatusListenerMode.AUTO, HeyGenStatusListenerMode.POLL])(
    'retries over %s and reports every job that finished during the outage once, after it',
    async (mode) => {
      await withTrackedClient({ url: proxy().url, mode, logging: false }, async (client, tracker) => {
        const jobs = await Promise.all(Array.from({ length: JOBS }, () => client.createJob({ durationMs: 1000 })));
        for (const job of jobs) tracker.track(job);

        // Unreachable from now until healed: every connection is cut and every new one refused.
        proxy().refuseAll();
        proxy().cutAll();
        // The jobs end on the server (asked directly, not through the proxy) and the client
        // keeps trying meanwhile.
        await waitForJobsToEnd(globalApiUrl(), client.apiKey, jobs.map((job) => job.id));
        await waitFor(() => proxy().stats.refusedConnections >= 1, { what: 'the client to try the unreachable server' });
        // Nothing could reach the client yet: no job is reported while the server is unreachable.
        expect([...tracker.terminalCallbacks().values()]).toEqual(Array(JOBS).fill(0));
        const healedSeq = tracker.mark();
        proxy().heal();

        const outcomes = await tracker.settled(30_000);
        client.dispose();
        // End the client, then count: each job reported exactly once, every one after the outage.
        expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(JOBS).fill('completed'));
        expect([...tracker.terminalCallbacks().values()]).toEqual(Array(JOBS).fill(1));
        for (const outcome of outcomes) expect(outcome.seq).toBeGreaterThan(healedSeq);
        logFigures(`unreachable-${mode}`, {
          switches: tracker.switches.map((change) => `${change.from}->${change.to} (${change.reason})`),
          client: client.stats,
          proxy: proxy().stats,
        });
      });
    },
  );
});
