import { runSeedScenario, SEED_GAPS_MS, SEED_NETWORK_CHANGE_AT_JOB, SEED_OUTAGE_MS } from '../scenario/seed-scenario.js';
import { startStack } from '../support/stack.js';
import { LiveView } from './live-view.js';
import { PlainView } from './plain-view.js';
import { formatSummary } from './summary-table.js';

/**
 * `npm start`: the seed scenario as a demo on the server's embedded defaults. Starts the built
 * API behind the network-simulating proxy, runs the five jobs with a network change at the
 * third, shows progress and every transport switch live, prints the summary, and exits 0 when
 * every job was reported exactly once.
 *
 * @returns the process exit code
 */
async function main(): Promise<number> {
  const stdout = process.stdout;
  stdout.write('Starting the API (apps/api/dist/main.js) behind the network-simulating proxy...\n');
  const stack = await startStack();
  // Created once the server is up, so the view's clock and the scenario's start together.
  const view = stdout.isTTY ? new LiveView(stdout) : new PlainView(stdout);
  try {
    view.note(
      `API ${stack.api.url} (pid ${stack.api.pid}) behind proxy ${stack.url}; ${SEED_GAPS_MS.length + 1} jobs, ` +
        `network change at job ${SEED_NETWORK_CHANGE_AT_JOB} (streams refused for ${SEED_OUTAGE_MS} ms)`,
    );
    const report = await runSeedScenario({ url: stack.url, proxy: stack.proxy, observer: view });
    view.finish();
    stdout.write(formatSummary(report));
    const once = [...report.terminalCallbacks.values()].every((count) => count === 1);
    if (!once) stdout.write('A job was reported more than once or not at all.\n');
    return once ? 0 : 1;
  } finally {
    view.finish();
    await stack.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
