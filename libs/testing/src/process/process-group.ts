import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` to the process group that a child spawned with `detached: true` leads: the
 * child and every process it started, so nothing it spawned is left behind.
 *
 * @param pid - the group leader's pid (the detached child's)
 * @param signal - the signal to send
 * @returns false when the group no longer exists
 */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    // A negative pid addresses the whole group.
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a child process has ended (exited or was killed by a signal).
 *
 * @param child - the child
 * @returns true once it has ended
 */
export function hasEnded(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Resolves once `child` has ended; at once when it already has.
 *
 * @param child - the child
 */
export function ended(child: ChildProcess): Promise<void> {
  return hasEnded(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a detached child's whole process group: `signal` first, then SIGKILL when the child
 * has not ended within `graceMs`.
 *
 * @param child - a child spawned with `detached: true`
 * @param signal - the first signal @default 'SIGTERM'
 * @param graceMs - how long the child may take to end before it is killed @default 5000
 */
export async function stopProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || hasEnded(child)) return;
  const done = ended(child);
  signalProcessGroup(pid, signal);
  const killer = signal === 'SIGKILL' ? undefined : setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), graceMs);
  try {
    await done;
  } finally {
    clearTimeout(killer);
  }
}
