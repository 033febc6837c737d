import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let installed = false;

/**
 * Kills `child`'s process group when this process exits or is interrupted, so a failing or
 * interrupted run leaves no server behind. The child must have been spawned `detached`.
 *
 * @param child - a detached child process
 * @returns a function that stops guarding the child (call it once the child is stopped)
 */
export function killOnExit(child: ChildProcess): () => void {
  install();
  children.add(child);
  return () => {
    children.delete(child);
  };
}

function killAll(): void {
  for (const child of children) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  children.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAll();
      process.off(signal, onSignal);
      // Without other listeners the signal's default action (terminate) is what was asked for.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
