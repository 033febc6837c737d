/**
 * Preloaded into the server by the SSE capacity scenario (with `--expose-gc`): a SIGUSR2
 * runs a full garbage collection and prints one JSON line with the memory usage after it, so
 * that the live heap can be told apart from garbage not yet collected.
 */
process.on('SIGUSR2', () => {
  globalThis.gc();
  process.stdout.write(`${JSON.stringify({ benchGc: process.memoryUsage() })}\n`);
});
