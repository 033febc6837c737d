const tasks = new Set<() => void>();
let installed = false;

/** Signals after which the guard cleans up; each then takes its default action (the process ends). */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Registers something to undo when this process ends: normally, by an uncaught error, or by
 * SIGINT, SIGTERM or SIGHUP (a bench orchestrator stops an overrunning scenario with SIGTERM,
 * a developer presses Ctrl-C). A server or load process started by a test, a scenario or the
 * demo must never outlive it. A SIGKILL runs no handler at all: started servers watch their
 * stdin for that case (see `lifeline.cjs`).
 *
 * After a signal the tasks run, then the signal takes its default action unless someone else
 * listens for it, so the guard never keeps a process alive that was asked to end.
 *
 * @param task - synchronous, best-effort undo (it runs inside an `exit` handler)
 * @returns a function that unregisters the task; call it once the thing is undone
 * @example
 * const forget = onProcessEnd(() => child.kill('SIGKILL'));
 * child.once('exit', forget);
 */
export function onProcessEnd(task: () => void): () => void {
  install();
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

function runAll(): void {
  for (const task of [...tasks]) {
    try {
      task();
    } catch {
      // Best effort: one failing undo must not keep the others from running.
    }
  }
  tasks.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runAll);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      runAll();
      process.off(signal, onSignal);
      // Without other listeners the signal's default action (terminate) is what was asked for.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
