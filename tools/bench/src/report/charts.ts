import { formatDuration } from './format.js';
import type { BenchReport, DurationProfile, Strategy } from './result-types.js';
import { STRATEGIES } from './result-types.js';
import { type ChartSeries, PALETTE, renderLineChart } from './svg-chart.js';

/** A chart file of the report. */
export interface ChartFile {
  readonly file: string;
  readonly svg: string;
}

const PROFILES: readonly DurationProfile[] = ['fixed', 'spread'];

function colorOf(strategy: Strategy): string {
  return PALETTE[STRATEGIES.indexOf(strategy)] as string;
}

function latencySeries(report: BenchReport, stat: 'p50' | 'p99'): ChartSeries[] {
  return STRATEGIES.flatMap((strategy) =>
    PROFILES.map((profile) => ({
      name: `${strategy} ${profile}`,
      color: colorOf(strategy),
      dashed: profile === 'spread',
      points: report.latency
        .filter((r) => r.strategy === strategy && r.profile === profile && r.disruption === undefined && r.latencyMs !== null)
        .sort((a, b) => a.jobs - b.jobs)
        .map((r) => [r.jobs, r.latencyMs?.[stat] ?? NaN] as const),
    })),
  ).filter((s) => s.points.length > 0);
}

function costSeries(report: BenchReport, value: 'statusRequestsPerJob' | 'bytesPerJob'): ChartSeries[] {
  return STRATEGIES.map((strategy) => ({
    name: strategy,
    color: colorOf(strategy),
    points: report.cost.results
      .filter((r) => r.strategy === strategy)
      .sort((a, b) => a.durationMs - b.durationMs)
      .map((r) => [r.durationMs / 1000, r[value]] as const),
  })).filter((s) => s.points.length > 0);
}

/**
 * The report's plots, where a curve says more than a table: latency against the number of
 * jobs, and cost per job against job duration, one line per strategy, on log axes.
 *
 * @param report - a finished run
 * @returns the SVG files to write beside `latest.md`; none for a scenario that did not run
 */
export function buildCharts(report: BenchReport): ChartFile[] {
  const files: ChartFile[] = [];
  for (const stat of ['p50', 'p99'] as const) {
    const series = latencySeries(report, stat);
    if (series.length === 0) continue;
    files.push({
      file: `latency-${stat}.svg`,
      svg: renderLineChart({
        title: `Notification latency, ${stat}`,
        xLabel: 'concurrent jobs on one client',
        yLabel: `${stat} latency, ms`,
        xLog: true,
        yLog: true,
        series,
      }),
    });
  }
  const requests = costSeries(report, 'statusRequestsPerJob');
  if (requests.length > 0) {
    const seconds = (v: number): string => formatDuration(v * 1000);
    files.push(
      {
        file: 'cost-requests.svg',
        svg: renderLineChart({
          title: 'Status requests per job',
          xLabel: 'job duration (nominal)',
          yLabel: 'status requests per job',
          xLog: true,
          yLog: true,
          formatX: seconds,
          series: requests,
        }),
      },
      {
        file: 'cost-bytes.svg',
        svg: renderLineChart({
          title: 'Bytes on the wire per job',
          xLabel: 'job duration (nominal)',
          yLabel: 'bytes per job',
          xLog: true,
          yLog: true,
          formatX: seconds,
          series: costSeries(report, 'bytesPerJob'),
        }),
      },
    );
  }
  return files;
}
