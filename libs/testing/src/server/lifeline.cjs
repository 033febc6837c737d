/**
 * Preloaded into every API process that `startApiServer` starts (`node --require lifeline.cjs`): the
 * parent holds the child's stdin open, so when the parent dies however it dies (even SIGKILL,
 * which runs no exit handler) stdin ends and the server stops instead of surviving as an orphan.
 */
'use strict';

const { isMainThread } = require('node:worker_threads');

// Node 20 also runs `--require` preloads in the module-hooks thread that `--import tsx` starts;
// there stdin is a worker's stream that ends at once, which would stop the server before it
// listens. Only the main thread watches the parent.
if (isMainThread) watchParent();

function watchParent() {
  process.stdin.on('end', () => {
    process.kill(process.pid, 'SIGTERM');
    // A server that does not finish its graceful shutdown in time is stopped for good.
    setTimeout(() => process.exit(1), 5000).unref();
  });
  process.stdin.on('error', () => undefined);
  process.stdin.resume();
  // Watching stdin must not be what keeps the server alive once it has shut itself down.
  process.stdin.unref();
}
