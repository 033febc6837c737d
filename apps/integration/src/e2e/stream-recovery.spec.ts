import { HeyGenStatusListenerMode } from '@heygen-mock/client';
import { waitFor, type TcpProxy } from '@heygen-mock/testing';
import { logFigures } from '../support/figures.js';
import { proxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const REFUSAL_MS = 1500;

describe('the stream healthy again after a fallback', () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await proxyToGlobalApi();
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('returns to SSE by itself and reports the jobs through the stream again', async () => {
    await withTrackedClient({ url: proxy.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const long = await client.createJob({ durationMs: 9000 });
      tracker.track(long);
      await waitFor(() => proxy.stats.openStreams === 1, { what: 'the event stream to open', timeoutMs: 5000 });
      expect(client.transport).toBe('SSE');
      expect(proxy.cutStreams()).toBe(1);
      proxy.refuseStreams(REFUSAL_MS);
      const cutAt = Date.now();

      const fallback = await tracker.switchTo((change) => change.from === 'SSE' && change.to !== 'SSE', 5000);
      const recovery = await tracker.switchTo((change) => change.from === fallback.to && change.to === 'SSE', 15_000);
      const recoveredAt = Date.now();
      expect(client.transport).toBe('SSE');
      expect(recoveredAt - cutAt).toBeGreaterThanOrEqual(REFUSAL_MS - 50);
      expect(client.stats.fallbacks).toBeGreaterThanOrEqual(1);
      expect(client.stats.recoveries).toBeGreaterThanOrEqual(1);

      // A job created after the recovery is reported by the stream, not by polling (one
      // reconciliation read when the stream resubscribes is all it may cost).
      const fresh = await client.createJob({ durationMs: 500 });
      tracker.track(fresh);
      const [longOutcome, freshOutcome] = await tracker.settled(15_000);
      expect(longOutcome).toMatchObject({ status: 'completed', transport: 'SSE' });
      expect(freshOutcome).toMatchObject({ status: 'completed', transport: 'SSE' });
      expect(freshOutcome?.requests).toBeLessThanOrEqual(1);
      expect([...tracker.terminalCallbacks().values()]).toEqual([1, 1]);
      logFigures('recovery', {
        fallback,
        recovery,
        recoveredAfterCutMs: recoveredAt - cutAt,
        latencies: [longOutcome?.latencyMs, freshOutcome?.latencyMs],
        client: client.stats,
      });
    });
  });
});
