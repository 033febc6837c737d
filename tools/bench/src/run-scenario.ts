import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The scenarios a process can run. */
export type ScenarioName =
  | 'latency'
  | 'cost'
  | 'sse-capacity'
  | 'fanout'
  | 'throughput'
  | 'store'
  | 'redis-instances'
  | 'abuse-keys'
  | 'abuse-event-loop'
  | 'abuse-soak'
  | 'bundle';

/**
 * Runs one scenario in its own Node process and returns what it wrote. The process gets
 * SIGTERM when it overruns `timeoutMs` (it then stops the server it started) and SIGKILL five
 * seconds later.
 *
 * @param name - the scenario
 * @param input - its input, passed as JSON
 * @param timeoutMs - the longest run allowed
 * @returns the scenario's JSON output
 * @throws Error when the process fails or times out
 */
export async function runScenario<T>(name: ScenarioName, input: unknown, timeoutMs: number): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const inputFile = join(dir, 'input.json');
  const outputFile = join(dir, 'output.json');
  writeFileSync(inputFile, JSON.stringify(input ?? {}));
  try {
    // Scenario logs go to stderr, keeping stdout for the report.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'scenario-main.ts'), name, inputFile, outputFile], {
      stdio: ['ignore', 2, 2],
    });
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    }, timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    clearTimeout(timer);
    clearTimeout(killer);
    if (timedOut) throw new Error(`${name} did not finish within ${Math.round(timeoutMs / 1000)} s`);
    if (code !== 0) throw new Error(`${name} exited with code ${code}`);
    return JSON.parse(readFileSync(outputFile, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
