/**
 * Entry of a scenario process: `scenario-main.ts <scenario> <input.json> <output.json>`.
 * The orchestrator starts one per scenario (or case), so that no scenario's sockets, timers or
 * heap are carried into the next one's measurement.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Scenario = (input: never) => Promise<unknown>;

// Loaded on demand, so that a scenario process loads only what it measures (no load
// generator or bundler in a latency process). Each takes the JSON input the orchestrator
// wrote from the same types.
const SCENARIOS: Record<string, () => Promise<Scenario>> = {
  latency: async () => (await import('./scenarios/latency.js')).runLatencyCases,
  cost: async () => (await import('./scenarios/cost.js')).runCost,
  'sse-capacity': async () => (await import('./scenarios/sse-capacity.js')).runSseCapacity,
  fanout: async () => (await import('./scenarios/fanout.js')).runFanout,
  throughput: async () => (await import('./scenarios/throughput.js')).runThroughput,
  store: async () => (await import('./scenarios/store.js')).runStore,
  'redis-instances': async () => (await import('./scenarios/redis-instances.js')).runRedisInstances,
  'abuse-keys': async () => (await import('./scenarios/abuse-keys.js')).runAbuseKeys,
  'abuse-event-loop': async () => (await import('./scenarios/abuse-event-loop.js')).runAbuseEventLoop,
  'abuse-soak': async () => (await import('./scenarios/abuse-soak.js')).runAbuseSoak,
  bundle: async () => (await import('./scenarios/bundle-size.js')).runBundleSize,
};

async function main(): Promise<void> {
  const [name = '', inputFile = '', outputFile = ''] = process.argv.slice(2);
  const load = SCENARIOS[name];
  if (load === undefined || inputFile === '' || outputFile === '') {
    throw new Error(`Usage: scenario-main.ts <${Object.keys(SCENARIOS).join('|')}> <input.json> <output.json>`);
  }
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as never;
  const scenario = await load();
  writeFileSync(outputFile, JSON.stringify(await scenario(input)));
}

main().then(
  // Keep-alive sockets and library timers may still be open; the result is written, so end.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
