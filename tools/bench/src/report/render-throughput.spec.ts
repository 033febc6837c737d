import { throughputSection, throughputTable } from './render-throughput.js';
import { throughputResult } from './sample-report.fixture.js';

const result = throughputResult({ ours: 13_000, 'ours-logging': 10_500, original: 3000, bare: 16_500 });

describe('throughputSection', () => {
  const section = throughputSection(result).join('\n');

  it('says how the servers were loaded and what each one is', () => {
    expect(section).toMatch(/^## 4\. Throughput of `GET \/status\/:id`/);
    expect(section).toContain('same autocannon settings (50\nconnections, 6 s per run, the ids of 100 pending jobs in rotation), in 3 round(s)');
    expect(section).toContain('The rounds are shared evenly by 1 set(s) of processes, each started anew');
    expect(section).toContain('`LOG_LEVEL=warn`');
    expect(section).toContain('a Nest `Logger` line per request');
    expect(section).toContain('so that ours\nalways runs next to both references');
    expect(section).toContain('"load CPU" is its CPU time per request');
  });

  it("renders the medians with ratios to both references, the load generator's CPU and every round", () => {
    expect(section).toContain('| ours | 13,000 | 4.3× | 0.79× | 3.00 | 12.0 | 76.9 | 40.0 | 13,650 / 13,000 / 6,500 | 0 |');
    expect(section).toContain('| original shape (NestJS + Express) | 3,000 | 1.0× | 0.18× |');
    expect(section.indexOf('| ours, a log line per request |')).toBeLessThan(section.indexOf('| bare Fastify route | 16,500 | 5.5× | 1.0× |'));
  });

  it("renders every server's fixed-rate run with autocannon's corrected p99, and says how autocannon paces and corrects", () => {
    expect(section).toContain('Every server at 1,000 req/s offered (autocannon `overallRate`, 10 connections, 10 s), one after the other.');
    expect(section).toContain('each connection sends its share of a second');
    expect(section).toContain('| ours | 999 | 1.50 | 3.00 | 6.00 | 18.0 | 15.0 | 80.0 | 0 |');
    expect(section).toContain('| bare Fastify route | 999 | 1.00 | 2.00 | 4.00 | 12.0 | 9.00 | 80.0 | 0 |');
  });

  it('leaves out the fixed-rate table when it was skipped, and everything when the scenario did not run', () => {
    expect(throughputSection({ ...result, offered: [] }).join('\n')).not.toContain('offered');
    expect(throughputSection(null)).toEqual([]);
  });
});

describe('throughputTable', () => {
  it('gives the medians of every server in a compact table', () => {
    expect(throughputTable(result)).toContain('| bare Fastify route | 16,500 | 12.0 | 60.6 |');
  });
});
