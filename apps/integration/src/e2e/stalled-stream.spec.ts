import { HeyGenAPI, HeyGenStatusListenerMode, type Logger } from '@heygen-mock/client';
import { JobTracker } from '../scenario/job-tracker.js';
import { logFigures } from '../support/figures.js';
import { startStack, type Stack } from '../support/stack.js';

const HEARTBEAT_MS = 200;
const HEARTBEAT_TIMEOUT_MS = 1000;

/** A logger that keeps what the client warns about, in order with the test's own notes. */
function recordingLogger(timeline: string[]): Logger {
  const ignore = (): void => undefined;
  return { debug: ignore, info: ignore, error: ignore, warn: (...args: unknown[]) => timeline.push(`warn ${args.slice(1).join(' ')}`) };
}

describe('a stream that goes silent without closing', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Heartbeats well inside the client's deadline, so only a dead stream misses it.
    stack = await startStack({ env: { HEARTBEAT_MS: String(HEARTBEAT_MS), JOB_TIME: '3000' } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is detected by the heartbeat deadline and replaced, and every job is still reported once', async () => {
    const timeline: string[] = [];
    const client = new HeyGenAPI({
      url: stack.url,
      mode: HeyGenStatusListenerMode.SSE,
      logger: recordingLogger(timeline),
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    const tracker = new JobTracker(client);
    const off = client.on('request', ({ kind }) => {
      if (kind === 'stream') timeline.push('stream request');
    });
    try {
      // A job that outlives two heartbeat deadlines, watched beside a longer one that keeps
      // the stream open: the healthy stream delivers it without a single reconnect.
      const long = await client.createJob({ durationMs: 8000 });
      const short = await client.createJob({ durationMs: 2 * HEARTBEAT_TIMEOUT_MS + 500 });
      tracker.track(long);
      tracker.track(short);
      await client.waitForJob(short.id, { timeoutMs: 10_000 });
      expect(client.stats.reconnects).toBe(0);
      expect(stack.proxy.stats.streamConnections).toBe(1);

      expect(stack.proxy.stallStreams()).toBe(1);
      timeline.push('stalled');
      const outcomes = await tracker.settled(15_000);
      client.dispose();

      // End the client, then count: both jobs reported once, the long one through a new stream.
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['completed', 'completed']);
      expect([...tracker.terminalCallbacks().values()]).toEqual([1, 1]);
      expect(client.stats.reconnects).toBeGreaterThanOrEqual(1);
      expect(stack.proxy.stats.streamConnections).toBeGreaterThanOrEqual(2);
      // Nothing but the deadline could notice the silence: after the stall, the missed heartbeat
      // is what the client reported, and only then did it ask for a new stream.
      const afterStall = timeline.slice(timeline.indexOf('stalled'));
      expect(afterStall.indexOf('warn Heartbeat missed')).toBeGreaterThan(0);
      expect(afterStall.indexOf('stream request')).toBeGreaterThan(afterStall.indexOf('warn Heartbeat missed'));
      logFigures('stalled-stream', { timeline, outcomes, client: client.stats, proxy: stack.proxy.stats });
    } finally {
      off();
      tracker.close();
      client.dispose();
    }
  });
});
