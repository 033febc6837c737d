import { HeyGenStatusListenerMode } from '@heygen-mock/client';
import { waitFor } from '@heygen-mock/testing';
import { logFigures } from '../support/figures.js';
import { useProxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

describe('the stream healthy again after a fallback', () => {
  const getProxy = useProxyToGlobalApi();

  it('returns to SSE by itself once streams work again, and reports the jobs through the stream', async () => {
    const proxy = getProxy();
    await withTrackedClient({ url: proxy.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const long = await client.createJob({ durationMs: 15_000 });
      tracker.track(long);
      await waitFor(() => proxy.stats.openStreams === 1, { what: 'the event stream to open' });
      expect(client.transport).toBe('SSE');
      proxy.refuseStreams();
      expect(proxy.cutStreams()).toBe(1);

      const fallback = await tracker.switchTo((change) => change.from === 'SSE' && change.to !== 'SSE', 10_000);
      // The client probes for a stream while polling, and is refused as long as streams are.
      const refusedBefore = proxy.stats.refusedStreams;
      await waitFor(() => proxy.stats.refusedStreams > refusedBefore, { what: 'a stream probe during the fallback', timeoutMs: 15_000 });
      expect(client.transport).toBe(fallback.to);
      const healedSeq = tracker.mark();
      proxy.heal();

      const recovery = await tracker.switchTo((change) => change.from === fallback.to && change.to === 'SSE', 20_000);
      expect(recovery.seq).toBeGreaterThan(healedSeq);
      expect(client.transport).toBe('SSE');
      expect(client.stats.fallbacks).toBeGreaterThanOrEqual(1);
      expect(client.stats.recoveries).toBeGreaterThanOrEqual(1);

      // A job created after the recovery is reported by the stream, not by polling (one
      // reconciliation read when the stream resubscribes is all it may cost).
      const fresh = await client.createJob({ durationMs: 500 });
      tracker.track(fresh);
      const [longOutcome, freshOutcome] = await tracker.settled(20_000);
      client.dispose();
      // End the client, then count.
      expect(longOutcome).toMatchObject({ status: 'completed', transport: 'SSE' });
      expect(freshOutcome).toMatchObject({ status: 'completed', transport: 'SSE' });
      expect(freshOutcome?.requests).toBeLessThanOrEqual(1);
      expect([...tracker.terminalCallbacks().values()]).toEqual([1, 1]);
      logFigures('recovery', {
        fallback,
        recovery,
        latencies: [longOutcome?.latencyMs, freshOutcome?.latencyMs],
        client: client.stats,
      });
    });
  });
});
