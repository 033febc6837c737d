import { setTimeout as sleep } from 'node:timers/promises';
import { HeyGenStatusListenerMode } from '@heygen-mock/client';
import type { TcpProxy } from '@heygen-mock/testing';
import { logFigures } from '../support/figures.js';
import { proxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const OUTAGE_MS = 3000;
const JOBS = 8;
/** The client's retry backoff may have grown during the outage; it must still come back soon. */
const RECOVERY_BOUND_MS = 15_000;

describe('the server unreachable for a few seconds', () => {
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = await proxyToGlobalApi();
  });

  afterEach(async () => {
    await proxy.close();
  });

  it.each([HeyGenStatusListenerMode.AUTO, HeyGenStatusListenerMode.POLL])(
    'retries over %s and every job completing during the outage is still reported once',
    async (mode) => {
      await withTrackedClient({ url: proxy.url, mode, logging: false }, async (client, tracker) => {
        const jobs = await Promise.all(Array.from({ length: JOBS }, () => client.createJob({ durationMs: 1000 })));
        for (const job of jobs) tracker.track(job);
        await sleep(200);
        proxy.refuseAll(OUTAGE_MS);
        proxy.cutAll();
        const outageEnd = Date.now() + OUTAGE_MS;
        const outcomes = await tracker.settled(OUTAGE_MS + RECOVERY_BOUND_MS);

        expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(JOBS).fill('completed'));
        expect([...tracker.terminalCallbacks().values()]).toEqual(Array(JOBS).fill(1));
        // Every job finished while the server was unreachable, so nobody can have known earlier.
        for (const outcome of outcomes) {
          expect(outcome.completedAt).toBeLessThan(outageEnd);
          expect(outcome.notifiedAt).toBeGreaterThanOrEqual(outageEnd - 20);
          expect(outcome.notifiedAt - outageEnd).toBeLessThan(RECOVERY_BOUND_MS);
        }
        // The client kept trying during the outage rather than giving up.
        expect(proxy.stats.refusedConnections).toBeGreaterThanOrEqual(1);
        logFigures(`unreachable-${mode}`, {
          lateAfterOutageMs: outcomes.map((outcome) => outcome.notifiedAt - outageEnd),
          switches: tracker.switches.map((change) => `${change.from}->${change.to} (${change.reason})`),
          client: client.stats,
          proxy: proxy.stats,
        });
      });
    },
  );
});
