import { setTimeout as sleep } from 'node:timers/promises';
import { HeyGenAPI, HeyGenStatusListenerMode } from '@heygen-mock/client';
import type { TcpProxy } from '@heygen-mock/testing';
import { JobTracker, type TrackedJob } from '../scenario/job-tracker.js';
import { logFigures } from '../support/figures.js';
import { proxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const JOBS_PER_WAVE = 10;
const FIRST_COMPLETION_MS = 1500;
/** Longer than the client's reconnect backoff after two losses, so each cut finds a live stream. */
const WAVE_GAP_MS = 1500;

/**
 * Creates waves of jobs that share a completion instant, cuts the event stream at each of those
 * instants, and returns how many streams each cut hit.
 */
async function cutAtEachCompletion(client: HeyGenAPI, tracker: JobTracker, proxy: TcpProxy, waves: number): Promise<number[]> {
  const created: TrackedJob[][] = await Promise.all(
    Array.from({ length: waves }, (_, wave) =>
      Promise.all(
        Array.from({ length: JOBS_PER_WAVE }, () => client.createJob({ durationMs: FIRST_COMPLETION_MS + wave * WAVE_GAP_MS })),
      ),
    ),
  );
  for (const job of created.flat()) tracker.track(job);
  const cuts: number[] = [];
  for (const wave of created) {
    const completion = Math.max(...wave.map((job) => Date.parse(job.expectedCompletionAt)));
    await sleep(Math.max(0, completion - Date.now()));
    cuts.push(proxy.cutStreams());
  }
  return cuts;
}

describe('the event stream cut exactly when jobs complete', () => {
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = await proxyToGlobalApi();
  });

  afterEach(async () => {
    await proxy.close();
  });

  it('loses no completion and delivers none twice when the stream reconnects (SSE only)', async () => {
    const waves = 3;
    await withTrackedClient({ url: proxy.url, mode: HeyGenStatusListenerMode.SSE, fallback: false, logging: false }, async (client, tracker) => {
      const cuts = await cutAtEachCompletion(client, tracker, proxy, waves);
      const outcomes = await tracker.settled(20_000);
      // Anything delivered twice would arrive with the reconnect that follows the last cut.
      await sleep(1500);

      // Every cut hit a live stream, so every wave really completed across a cut.
      expect(cuts).toEqual(Array(waves).fill(1));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(waves * JOBS_PER_WAVE).fill('completed'));
      expect(outcomes.every((outcome) => outcome.transport === 'SSE')).toBe(true);
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(waves * JOBS_PER_WAVE).fill(1));
      // Each cut but the last left jobs to watch, so the client reconnected; after the last one it
      // reconnects only if the final completions were not through before the cut.
      expect(client.stats.reconnects).toBeGreaterThanOrEqual(waves - 1);
      expect(proxy.stats.streamConnections).toBeGreaterThanOrEqual(waves);
      logFigures('cut-at-completion-sse', {
        cuts,
        maxLatencyMs: Math.max(...outcomes.map((outcome) => outcome.latencyMs)),
        client: client.stats,
        proxy: proxy.stats,
      });
    });
  });

  it('loses no completion and delivers none twice when the cut also moves the client to polling (AUTO)', async () => {
    const waves = 2;
    await withTrackedClient({ url: proxy.url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const cuts = await cutAtEachCompletion(client, tracker, proxy, waves);
      const outcomes = await tracker.settled(20_000);
      await sleep(1500);

      expect(cuts[0]).toBe(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(waves * JOBS_PER_WAVE).fill('completed'));
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(waves * JOBS_PER_WAVE).fill(1));
      logFigures('cut-at-completion-auto', {
        cuts,
        switches: tracker.switches.map((change) => `${change.from}->${change.to} (${change.reason})`),
        maxLatencyMs: Math.max(...outcomes.map((outcome) => outcome.latencyMs)),
        client: client.stats,
        proxy: proxy.stats,
      });
    });
  });
});
