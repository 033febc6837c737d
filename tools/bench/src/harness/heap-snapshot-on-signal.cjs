/**
 * Preloaded into the server by the SSE capacity scenario: a SIGURG writes a heap snapshot
 * (which collects garbage first) into the folder named by `BENCH_HEAP_SNAPSHOT_DIR` and prints
 * one JSON line with its path, so that the bench can tell what the live heap is made of.
 */
const { writeHeapSnapshot } = require('node:v8');
const { join } = require('node:path');

let taken = 0;
process.on('SIGURG', () => {
  const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
  if (dir === undefined) return;
  const path = writeHeapSnapshot(join(dir, `heap-${process.pid}-${++taken}.heapsnapshot`));
  process.stdout.write(`${JSON.stringify({ benchHeapSnapshot: path })}\n`);
});
