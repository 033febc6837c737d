import { HeyGenAPI, HeyGenStatusListenerMode } from '@heygen-mock/client';
import { JobTracker } from '../scenario/job-tracker.js';
import { logFigures } from '../support/figures.js';
import { startStack, type Stack } from '../support/stack.js';

const HEARTBEAT_MS = 200;
const HEARTBEAT_TIMEOUT_MS = 1000;

describe('a stream that goes silent without closing', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Heartbeats well inside the client's deadline, so only a dead stream misses it.
    stack = await startStack({ env: { HEARTBEAT_MS: String(HEARTBEAT_MS), JOB_TIME: '3000' } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is detected by the heartbeat deadline and replaced, and the job is still reported once', async () => {
    const client = new HeyGenAPI({
      url: stack.url,
      mode: HeyGenStatusListenerMode.SSE,
      logging: false,
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    const tracker = new JobTracker(client);
    const streamRequests: number[] = [];
    const off = client.on('request', ({ kind }) => {
      if (kind === 'stream') streamRequests.push(Date.now());
    });
    try {
      const job = await client.createJob({ durationMs: 4000 });
      tracker.track(job);
      // A healthy stream outlives several deadlines thanks to the heartbeats.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(stack.proxy.stats.streamConnections).toBe(1);

      expect(stack.proxy.stallStreams()).toBe(1);
      const stalledAt = Date.now();
      const [outcome] = await tracker.settled(10_000);

      expect(outcome).toMatchObject({ status: 'completed' });
      expect([...tracker.terminalCallbacks().values()]).toEqual([1]);
      expect(stack.proxy.stats.streamConnections).toBeGreaterThanOrEqual(2);
      expect(client.stats.reconnects).toBeGreaterThanOrEqual(1);
      // Nothing but the deadline could notice the silence: the next stream request comes after
      // it (counted from the last heartbeat, at most HEARTBEAT_MS before the stall), and not
      // long after it.
      const reconnectAfterMs = (streamRequests.find((at) => at > stalledAt) ?? Infinity) - stalledAt;
      expect(reconnectAfterMs).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_MS - HEARTBEAT_MS - 50);
      expect(reconnectAfterMs).toBeLessThan(HEARTBEAT_TIMEOUT_MS + 3000);
      logFigures('stalled-stream', { reconnectAfterMs, latencyMs: outcome?.latencyMs, client: client.stats, proxy: stack.proxy.stats });
    } finally {
      off();
      tracker.close();
      client.dispose();
    }
  });
});
