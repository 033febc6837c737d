import { setTimeout as sleep } from 'node:timers/promises';
import { HeyGenStatusListenerMode, type HeyGenAPI } from '@heygen-mock/client';
import type { Job } from '@heygen-mock/contracts';
import { waitFor, type TcpProxy } from '@heygen-mock/testing';
import type { JobOutcome, JobTracker } from '../scenario/job-tracker.js';
import { logFigures, median, printFigure } from '../support/figures.js';
import { useProxyToGlobalApi } from '../support/stack.js';
import { withTrackedClient } from '../support/tracked-client.js';

const JOBS_PER_WAVE = 10;
const FIRST_COMPLETION_MS = 1500;
/** Longer than the client's reconnect backoff after two losses, so each cut finds a live stream. */
const WAVE_GAP_MS = 1500;

/**
 * Creates waves of jobs that share a completion instant and cuts the event stream at each of
 * those instants. The first cut waits for a stream to be open; so does every later one when
 * `streamEveryWave` (SSE only, where the client always reconnects; in AUTO it may poll instead).
 *
 * @returns how many streams each cut hit
 */
async function cutAtEachCompletion(
  client: HeyGenAPI,
  tracker: JobTracker,
  proxy: TcpProxy,
  waves: number,
  streamEveryWave: boolean,
): Promise<number[]> {
  const created: Job[][] = await Promise.all(
    Array.from({ length: waves }, (_, wave) =>
      Promise.all(
        Array.from({ length: JOBS_PER_WAVE }, () => client.createJob({ durationMs: FIRST_COMPLETION_MS + wave * WAVE_GAP_MS })),
      ),
    ),
  );
  for (const job of created.flat()) tracker.track(job);
  const cuts: number[] = [];
  for (const wave of created) {
    if (cuts.length === 0 || streamEveryWave) await waitFor(() => proxy.stats.openStreams > 0, { what: 'an event stream to cut' });
    const completion = Math.max(...wave.map((job) => Date.parse(job.expectedCompletionAt)));
    await sleep(Math.max(0, completion - Date.now()));
    cuts.push(proxy.cutStreams());
  }
  return cuts;
}

/** Prints the scenario's notification p50: a figure for the reader, measured properly by the bench. */
function reportP50(label: string, outcomes: readonly JobOutcome[]): void {
  const latencies = outcomes.map((outcome) => outcome.latencyMs);
  printFigure(label, `notification latency p50 ${median(latencies)} ms over ${latencies.length} jobs (max ${Math.max(...latencies)} ms)`);
}

describe('the event stream cut exactly when jobs complete', () => {
  const proxy = useProxyToGlobalApi();

  it('loses no completion and delivers none twice when the stream reconnects (SSE only)', async () => {
    const waves = 3;
    await withTrackedClient({ url: proxy().url, mode: HeyGenStatusListenerMode.SSE, fallback: false, logging: false }, async (client, tracker) => {
      const cuts = await cutAtEachCompletion(client, tracker, proxy(), waves, true);
      const outcomes = await tracker.settled(20_000);
      client.dispose();

      // End the client, then count: a completion delivered twice would have been counted by now.
      expect(cuts).toEqual(Array(waves).fill(1));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(waves * JOBS_PER_WAVE).fill('completed'));
      expect(outcomes.every((outcome) => outcome.transport === 'SSE')).toBe(true);
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(waves * JOBS_PER_WAVE).fill(1));
      // Each cut but the last left jobs to watch, so the client reconnected; after the last one it
      // reconnects only if the final completions were not through before the cut.
      expect(client.stats.reconnects).toBeGreaterThanOrEqual(waves - 1);
      expect(proxy().stats.streamConnections).toBeGreaterThanOrEqual(waves);
      reportP50('cut at completion, SSE', outcomes);
      logFigures('cut-at-completion-sse', { cuts, client: client.stats, proxy: proxy().stats });
    });
  });

  it('loses no completion and delivers none twice when the cut also moves the client to polling (AUTO)', async () => {
    const waves = 2;
    await withTrackedClient({ url: proxy().url, mode: HeyGenStatusListenerMode.AUTO, logging: false }, async (client, tracker) => {
      const cuts = await cutAtEachCompletion(client, tracker, proxy(), waves, false);
      const outcomes = await tracker.settled(20_000);
      client.dispose();

      // End the client, then count.
      expect(cuts[0]).toBe(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(waves * JOBS_PER_WAVE).fill('completed'));
      expect([...tracker.terminalCallbacks().values()]).toEqual(Array(waves * JOBS_PER_WAVE).fill(1));
      reportP50('cut at completion, AUTO', outcomes);
      logFigures('cut-at-completion-auto', {
        cuts,
        switches: tracker.switches.map((change) => `${change.from}->${change.to} (${change.reason})`),
        client: client.stats,
        proxy: proxy().stats,
      });
    });
  });
});
