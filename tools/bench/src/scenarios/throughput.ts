import { newCallerKey } from '@heygen-mock/testing';
import { inAlternatingRounds } from '../harness/alternating-rounds.js';
import { type BenchServer, startBenchServer } from '../harness/bench-server.js';
import { createJobLasting } from '../harness/create-job.js';
import { forEachLimit } from '../harness/latch.js';
import { measureLoad, type MeasuredLoadRun } from '../harness/load-run.js';
import { startReferenceServer } from '../harness/reference-server.js';
import { throughputMedians } from '../report/throughput-medians.js';
import {
  type OfferedRun,
  THROUGHPUT_SERVERS,
  type ThroughputResult,
  type ThroughputServer,
} from '../report/throughput-types.js';

/** Input of the throughput scenario. */
export interface ThroughputInput {
  /** Pending jobs per server whose ids the requests rotate through. */
  readonly jobs: number;
  /** autocannon connections, the same for every server. */
  readonly connections: number;
  /** One run per server and round, s. */
  readonly durationS: number;
  /** Rounds, each loading every server once, in {@link LOAD_ORDER} or its reverse. */
  readonly rounds: number;
  /**
   * Fresh processes of every server, one set after the other, which share the rounds evenly:
   * two processes of one build, loaded alike, may answer 1.2× apart for the whole of their lives.
   */
  readonly forks: number;
  /** A run per server and fork before its rounds, for the JIT compiler and caches; 0 for none. */
  readonly warmupS: number;
  /** Every server at a fixed rate after the rounds, or `null` to skip it. */
  readonly offered: { readonly rate: number; readonly connections: number; readonly durationS: number } | null;
}

/** A server under load, with what a request to it needs. */
interface Target {
  readonly server: BenchServer;
  readonly ids: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The order of the loads in odd rounds, reversed in even ones: ours sits between the two
 * references the targets compare it with, so that each ratio compares runs seconds apart.
 */
const LOAD_ORDER: readonly ThroughputServer[] = ['original', 'ours', 'bare', 'ours-logging'];

/** The API at the bench's settings, and with one log line per request as at its default level. */
const OUR_ENV: Readonly<Record<Extract<ThroughputServer, 'ours' | 'ours-logging'>, Readonly<Record<string, string>>>> = {
  // JOB_STORE names the memory store for servers that offer others; older ones ignore it.
  ours: { JOB_STORE: 'memory' },
  'ours-logging': { JOB_STORE: 'memory', LOG_LEVEL: 'log' },
};

async function startTarget(name: ThroughputServer, jobs: number): Promise<Target> {
  if (name === 'ours' || name === 'ours-logging') {
    const server = await startBenchServer({ env: OUR_ENV[name] });
    const key = newCallerKey();
    const ids: string[] = [];
    // Long enough to stay pending through every run.
    await forEachLimit(Array.from({ length: jobs }), 16, async () => {
      ids.push((await createJobLasting(server.url, key, 3_600_000)).id);
    });
    return { server, ids, headers: { authorization: `Bearer ${key}` } };
  }
  const server = await startReferenceServer(name === 'original' ? 'original-shape' : 'bare-fastify');
  const ids: string[] = [];
  for (let i = 0; i < jobs; i++) {
    const response = await fetch(`${server.url}/create`, { method: 'POST' });
    ids.push(((await response.json()) as { id: string }).id);
  }
  return { server, ids, headers: {} };
}

/** One autocannon run of `GET /status/:id` with the ids in rotation, and the server's CPU over it. */
function load(target: Target, options: { connections: number; durationS: number; rate?: number }): Promise<MeasuredLoadRun> {
  let next = 0;
  return measureLoad(target.server, {
    url: target.server.url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    headers: target.headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/status/${target.ids[next++ % target.ids.length]}` }) }],
  });
}

function targetOf(targets: ReadonlyMap<ThroughputServer, Target>, name: ThroughputServer): Target {
  const target = targets.get(name);
  if (target === undefined) throw new Error(`No throughput target \`${name}\` was started.`);
  return target;
}

/** Every server, one after the other, at a fixed offered rate. */
async function atOfferedRate(targets: ReadonlyMap<ThroughputServer, Target>, offered: NonNullable<ThroughputInput['offered']>): Promise<OfferedRun[]> {
  const runs: OfferedRun[] = [];
  for (const [server, target] of targets) {
    const { correctedP99Ms, ...run } = await load(target, offered);
    runs.push({ ...run, server, ...offered, correctedP99Ms });
    console.error(`[throughput] ${offered.rate} req/s offered to ${server}: p99 ${run.latencyMs.p99.toFixed(2)} ms (autocannon's corrected p99 ${correctedP99Ms} ms)`);
  }
  return runs;
}

/** Starts every server, runs `use` with them, and stops them all, whatever `use` did. */
async function withTargets<T>(jobs: number, use: (targets: ReadonlyMap<ThroughputServer, Target>) => Promise<T>): Promise<T> {
  const targets = new Map<ThroughputServer, Target>();
  try {
    for (const name of THROUGHPUT_SERVERS) targets.set(name, await startTarget(name, jobs));
    return await use(targets);
  } finally {
    await Promise.all([...targets.values()].map((target) => target.server.stop()));
  }
}

/**
 * Measures `GET /status/:id` on the API and on the reference servers (`src/references/`) with
 * the same autocannon settings, in one run. Every server is started at once, warmed up, then
 * each round loads them one after the other ({@link LOAD_ORDER}, reversed every other round),
 * so that a change in the machine's other work falls on all of them alike; after its share of
 * the rounds, every server is started anew (`forks`), so that no one process's luck decides.
 * The report takes medians over the rounds and the targets ratios within them. CPU time per
 * request comes from the server process's own clock and moves less with the machine's load
 * than requests per second. Then every server of the last fork at a fixed offered rate, for
 * latency below saturation: the API's is the target, the references' tell what the machine
 * itself adds.
 *
 * @param input - settings
 * @returns every round of every server, the medians and the fixed-rate run
 * @throws RangeError when `forks` is not a whole divisor of `rounds`
 */
export async function runThroughput(input: ThroughputInput): Promise<ThroughputResult> {
  if (!Number.isInteger(input.forks) || input.forks < 1 || input.rounds % input.forks !== 0) {
    throw new RangeError(`Expected \`forks\` to divide \`rounds\` (${input.rounds}) evenly, got ${input.forks}.`);
  }
  const roundsPerFork = input.rounds / input.forks;
  const rounds = new Map<ThroughputServer, MeasuredLoadRun[]>(THROUGHPUT_SERVERS.map((server) => [server, []]));
  const offered: OfferedRun[] = [];
  for (let fork = 0; fork < input.forks; fork++) {
    await withTargets(input.jobs, async (targets) => {
      if (input.warmupS > 0) {
        for (const target of targets.values()) await load(target, { connections: input.connections, durationS: input.warmupS });
      }
      const forkRounds = await inAlternatingRounds(
        LOAD_ORDER,
        roundsPerFork,
        (name) => load(targetOf(targets, name), { connections: input.connections, durationS: input.durationS }),
        (name, round, run) => {
          console.error(`[throughput] round ${fork * roundsPerFork + round} ${name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latencyMs.p99.toFixed(1)} ms, ${run.cpuUsPerRequest?.toFixed(1)} µs CPU/request, load ${run.loadCpuUsPerRequest?.toFixed(1)} µs`);
        },
      );
      for (const [name, runs] of forkRounds) rounds.get(name)?.push(...runs);
      if (fork === input.forks - 1 && input.offered !== null) offered.push(...(await atOfferedRate(targets, input.offered)));
    });
  }
  return {
    jobs: input.jobs,
    connections: input.connections,
    durationS: input.durationS,
    rounds: input.rounds,
    forks: input.forks,
    servers: THROUGHPUT_SERVERS.map((server) => {
      const runs = rounds.get(server) ?? [];
      return { server, rounds: runs.map(({ correctedP99Ms: _, ...run }) => run), median: throughputMedians(runs) };
    }),
    offered,
  };
}
