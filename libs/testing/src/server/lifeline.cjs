/**
 * Preloaded into every API process that `startApiServer` starts (`node --require lifeline.cjs`): the
 * parent holds the child's stdin open, so when the parent dies however it dies (even SIGKILL,
 * which runs no exit handler) stdin ends and the server stops instead of surviving as an orphan.
 */
'use strict';

process.stdin.on('end', () => {
  process.kill(process.pid, 'SIGTERM');
  // A server that does not finish its graceful shutdown in time is stopped for good.
  setTimeout(() => process.exit(1), 5000).unref();
});
process.stdin.on('error', () => undefined);
process.stdin.resume();
// Watching stdin must not be what keeps the server alive once it has shut itself down.
process.stdin.unref();
