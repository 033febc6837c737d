const tasks = new Set<() => void>();
let installed = false;

/**
 * Registers something to undo when the process ends, normally or by SIGTERM/SIGINT (the
 * orchestrator sends SIGTERM to a scenario that overruns its time): a started server must
 * never outlive the scenario that started it.
 *
 * @param task - synchronous, best-effort undo
 * @returns a function that unregisters the task
 */
export function onProcessEnd(task: () => void): () => void {
  if (!installed) {
    installed = true;
    const runAll = (): void => {
      for (const t of [...tasks]) {
        try {
          t();
        } catch {
          // Best effort: one failing undo must not keep the others from running.
        }
      }
      tasks.clear();
    };
    process.once('exit', runAll);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(signal === 'SIGTERM' ? 143 : 130);
      });
    }
  }
  tasks.add(task);
  return () => tasks.delete(task);
}
