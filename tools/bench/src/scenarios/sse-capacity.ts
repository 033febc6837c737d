import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { sleep } from '../harness/clock.js';
import { medianRss } from '../harness/median-rss.js';
import { openFilesLimit } from '../harness/open-files-limit.js';
import { type SseLoad, startSseLoad } from '../harness/sse-load-process.js';
import type { SseCapacityResult, SseHeapBreakdown } from '../report/result-types.js';
import { heapBreakdown } from '../stats/heap-breakdown.js';

/** Input of one SSE capacity run. */
export interface SseCapacityInput {
  readonly connections: number;
  /** Server heartbeat interval, ms: every held connection must receive one to count as alive. */
  readonly heartbeatMs: number;
  /** Pause before a memory reading, for the server to finish the work just done, ms. */
  readonly settleMs: number;
  /**
   * Connections opened, after the others are closed, between two heap snapshots, whose
   * difference tells what a connection's live heap is made of; 0 for none. Fewer than
   * `connections`: the make-up per connection does not change with their number, and a
   * snapshot of a large heap is slow to write and to read.
   */
  readonly breakdownConnections: number;
}

/** Kinds of object smaller than this per connection share one row of the breakdown, bytes. */
const BREAKDOWN_MIN_BYTES = 100;

/** A reading of the server's memory. */
interface MemoryReading {
  /** Median of five `VmRSS` samples: one sample can catch a collection in the middle of its work. */
  readonly rss: number;
  /** `heapUsed` right after a full collection. */
  readonly liveHeap: number;
}

async function readMemory(server: BenchServer, settleMs: number): Promise<MemoryReading> {
  await sleep(settleMs);
  const rss = await medianRss(server, settleMs / 5);
  // After the RSS readings: a collection can change what the process keeps resident.
  const { heapUsed } = await server.collectGarbage();
  return { rss, liveHeap: heapUsed };
}

/**
 * Holds `connections` SSE connections of distinct callers on one fresh server from the load
 * process, checks that each still receives heartbeats, and measures the server's resident
 * memory before, while holding and after closing them, and its live heap after a forced full
 * collection, which tells retained memory from garbage not yet collected.
 *
 * @param input - how many connections
 * @returns counts and memory figures
 * @throws Error when the open-files limit is too low for the run
 */
export async function runSseCapacity(input: SseCapacityInput): Promise<SseCapacityResult> {
  const limit = openFilesLimit();
  if (limit !== null && limit < input.connections + 512) {
    throw new Error(`The open-files limit is ${limit}; holding ${input.connections} connections needs more (raise \`ulimit -n\`).`);
  }
  const server = await startBenchServer({ env: { HEARTBEAT_MS: String(input.heartbeatMs) }, exposeGc: true, heapSnapshots: input.breakdownConnections > 0 });
  const load = startSseLoad();
  try {
    // Warm up first, so that code loaded and compiled on the first connections is not
    // charged to the connections being measured.
    await load.open(server.url, 50, null);
    await load.close();
    const before = await readMemory(server, input.settleMs);
    const opening = await load.open(server.url, input.connections, null, 30_000);
    if (opening.failed > 0) console.error(`[sse-capacity] ${opening.failed} connections failed: ${opening.errors.join('; ')}`);
    await load.mark();
    const { alive } = await load.heartbeats(input.heartbeatMs * 2 + 2000);
    const held = await readMemory(server, input.settleMs);
    await load.close();
    const after = await readMemory(server, input.settleMs);
    const heapBreakdown = input.breakdownConnections > 0 ? await breakDown(server, load, input) : null;
    const perConnection = (from: number, to: number): number | null => (opening.opened > 0 ? (to - from) / opening.opened : null);
    return {
      connections: input.connections,
      heartbeatMs: input.heartbeatMs,
      opened: opening.opened,
      failed: opening.failed,
      alive,
      openMs: opening.openMs,
      rssBeforeBytes: before.rss,
      rssHeldBytes: held.rss,
      rssAfterCloseBytes: after.rss,
      rssPerConnectionBytes: perConnection(before.rss, held.rss),
      heapBeforeBytes: before.liveHeap,
      heapHeldBytes: held.liveHeap,
      heapPerConnectionBytes: perConnection(before.liveHeap, held.liveHeap),
      heapBreakdown,
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}

/** Heap snapshots before and while holding `breakdownConnections` more connections, and what they gained per connection. */
async function breakDown(server: BenchServer, load: SseLoad, input: SseCapacityInput): Promise<SseHeapBreakdown | null> {
  await sleep(input.settleMs);
  const before = await server.heapGroups();
  const opening = await load.open(server.url, input.breakdownConnections, null, 30_000);
  await sleep(input.settleMs);
  const held = await server.heapGroups();
  await load.close();
  if (opening.opened === 0) return null;
  return { connections: opening.opened, rows: heapBreakdown(before, held, opening.opened, BREAKDOWN_MIN_BYTES) };
}
