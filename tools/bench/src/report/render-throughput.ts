import { formatRatio, ratio } from '../stats/ratios.js';
import { formatCount, formatMs } from './format.js';
import { markdownTable } from './markdown-table.js';
import type { ThroughputResult, ThroughputServer } from './throughput-types.js';

const LABELS: Readonly<Record<ThroughputServer, string>> = {
  ours: 'ours',
  'ours-logging': 'ours, a log line per request',
  original: 'original shape (NestJS + Express)',
  bare: 'bare Fastify route',
};

/**
 * How a report names a server of the throughput scenario.
 *
 * @param server - the server
 * @returns its label
 */
export function throughputLabel(server: ThroughputServer): string {
  return LABELS[server];
}

/**
 * The medians of each server as a compact table (the README's): req/s, p99 and CPU per request.
 *
 * @param result - the throughput scenario's result
 * @returns a markdown table
 */
export function throughputTable(result: ThroughputResult): string {
  return markdownTable(
    ['server', 'req/s', 'p99 ms', 'CPU µs/request'],
    result.servers.map((s) => [LABELS[s.server], formatCount(s.median.requestsPerSecond), formatMs(s.median.p99Ms), formatMs(s.median.cpuUsPerRequest)]),
    'lrrr',
  );
}

/**
 * The throughput section of the report: method, the medians of every server with their ratios
 * to the references and every round's req/s, then every server at a fixed offered rate.
 *
 * @param result - the throughput scenario's result, or `null` when the run left it out
 * @returns markdown lines, none when the scenario did not run
 */
export function throughputSection(result: ThroughputResult | null): string[] {
  if (result === null) return [];
  const median = (server: ThroughputServer) => result.servers.find((s) => s.server === server)?.median;
  const rows = result.servers.map((s) => [
    LABELS[s.server],
    formatCount(s.median.requestsPerSecond),
    formatRatio(ratio(s.median.requestsPerSecond, median('original')?.requestsPerSecond)),
    formatRatio(ratio(s.median.requestsPerSecond, median('bare')?.requestsPerSecond)),
    formatMs(s.median.p50Ms),
    formatMs(s.median.p99Ms),
    formatMs(s.median.cpuUsPerRequest),
    formatMs(s.median.loadCpuUsPerRequest),
    s.rounds.map((r) => formatCount(r.requestsPerSecond)).join(' / '),
    formatCount(s.rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0)),
  ]);
  const out = [
    '## 4. Throughput of `GET /status/:id`',
    '',
    `Four servers run side by side and are loaded one after the other with the same autocannon settings (${result.connections}`,
    `connections, ${result.durationS} s per run, the ids of ${result.jobs} pending jobs in rotation), in ${result.rounds} round(s). A round loads`,
    'the original shape, ours, the bare route and ours with a log line, the next round the same in reverse, so that ours',
    `always runs next to both references. The rounds are shared evenly by ${result.forks} set(s) of processes, each started anew`,
    'and warmed up by one run per server: two processes of one build, loaded alike, may answer 1.2× apart for the whole of',
    "their lives, and no one process's luck should decide. Every figure is the median over the rounds.",
    '"ours" is the API (`apps/api/dist/main.js`) as the bench runs it (`LOG_LEVEL=warn`, no line per request); "a log',
    'line per request" is the API at its default `LOG_LEVEL=log`, as the original logged each request. The references',
    "live in `src/references/`: the original server's shape (NestJS on Express, one controller, a `Map`,",
    'a Nest `Logger` line per request) and the same `Map` lookup on a bare Fastify route, the bound. CPU per request is',
    "the server process's user + system time over a run (`/proc/<pid>/stat`) divided by the requests it answered: the",
    "server's own work, steadier than req/s when other work on the machine varies. autocannon runs in the bench process,",
    'on the same cores as the servers; "load CPU" is its CPU time per request. With one core for the server and one for',
    'autocannon, whichever costs more per request sets the rate; autocannon parses the header lines of every answer in',
    "JavaScript, so an answer with more headers costs the load generator more too. The targets divide ours' req/s by a reference's",
    "within each round and take the median of those ratios: the machine's speed changes between rounds, and the ratio",
    'of two medians may set figures from different rounds against each other.',
    '',
    markdownTable(
      ['server', 'req/s', 'vs original', 'vs bare', 'p50 ms', 'p99 ms', 'CPU µs/request', 'load CPU µs/request', 'req/s by round', 'failed'],
      rows,
      'lrrrrrrrrr',
    ),
  ];
  const [first] = result.offered;
  if (first !== undefined) {
    out.push(
      `Every server at ${formatCount(first.rate)} req/s offered (autocannon \`overallRate\`, ${first.connections} connections, ${first.durationS} s), one after the other.`,
      "autocannon paces a rate per connection and per second: each connection sends its share of a second's requests back to",
      'back, then waits for the next second. The percentiles are of the response times autocannon measured; "autocannon p99"',
      'is its own figure, which corrects for coordinated omission by adding, for every response slower than `ceil(1 / rate)`',
      'ms (1 ms at 100 requests per second per connection), a synthetic sample for each millisecond above that.',
      '',
      markdownTable(
        ['server', 'answered req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'autocannon p99 ms', 'CPU µs/request', 'failed'],
        result.offered.map((run) => [
          LABELS[run.server],
          formatCount(run.requestsPerSecond),
          formatMs(run.latencyMs.p50),
          formatMs(run.latencyMs.p97_5),
          formatMs(run.latencyMs.p99),
          formatMs(run.latencyMs.max),
          formatMs(run.correctedP99Ms),
          formatMs(run.cpuUsPerRequest),
          formatCount(run.non2xx + run.errors),
        ]),
        'lrrrrrrrr',
      ),
    );
  }
  return out;
}
