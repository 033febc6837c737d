import { median } from '../stats/percentiles.js';
import type { BenchServer } from './bench-server.js';
import { sleep } from './clock.js';

/**
 * Reads the server's resident set size several times and takes the median: one reading can
 * catch a garbage collection in the middle of its work.
 *
 * @param server - the server
 * @param gapMs - pause between two readings
 * @param readings - how many @default 5
 * @returns the median `VmRSS`, bytes
 */
export async function medianRss(server: Pick<BenchServer, 'rssBytes'>, gapMs: number, readings = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < readings; i++) {
    if (i > 0) await sleep(gapMs);
    samples.push(server.rssBytes());
  }
  return median(samples);
}
