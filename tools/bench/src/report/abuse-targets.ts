import type { AbuseEventLoopResult, AbuseKeysResult, AbuseResult, AbuseSoakResult } from './abuse-types.js';
import { formatCount, formatMegabytes, formatMs } from './format.js';
import type { TargetCheck } from './result-types.js';
import { checkAtMost, notMeasured } from './target-check.js';

/** The abuse sizes the targets are stated for; a run at other sizes reports its figures without them. */
export const ABUSE_TARGET_SIZES = {
  keys: { keys: 1000, durationS: 15, progressIntervalMs: 10 },
  eventLoop: { jobs: 100_000, connects: 20 },
  soak: { connections: 2000, durationS: 600 },
} as const;

const KEYS = 'RSS growth ≤ 50 MB in 15 s: 1,000 invented keys, a day-long job each, progress due every 10 ms';
const EVENT_LOOP = 'event-loop delay p99 ≤ 50 ms: 20 SSE connects of a caller with 100,000 pending jobs';
const SOAK_RSS = 'RSS growth ≤ 5% over 10 min: 2,000 SSE connections, jobs flowing';
const SOAK_EVENTS = '0 lost and 0 duplicate events over those 10 min';

const NOT_RUN = 'abuse scenario not in this run';
const ms = (v: number): string => `${formatMs(v)} ms`;

function keysTarget(r: AbuseKeysResult | null): TargetCheck {
  if (r === null) return notMeasured(KEYS, NOT_RUN);
  const size = ABUSE_TARGET_SIZES.keys;
  if (r.keys !== size.keys || r.durationS !== size.durationS || r.progressIntervalMs !== size.progressIntervalMs) {
    return notMeasured(KEYS, `smaller run: ${formatCount(r.keys)} keys, ${r.durationS} s`);
  }
  const check = checkAtMost(KEYS, r.rssEndBytes - r.rssBeforeBytes, 50e6, formatMegabytes);
  const note = `${check.note}; peak ${formatMegabytes(r.rssPeakBytes - r.rssBeforeBytes)} above the start; live heap ${formatMegabytes(r.heapEndBytes - r.heapBeforeBytes)} more`;
  // A refused create is a job the server did not have to hold: the run did not load it as stated.
  if (r.failed > 0) return { ...check, met: false, note: `${note}; ${r.failed} creates failed: ${r.errors.join('; ')}` };
  return { ...check, note };
}

function eventLoopTarget(r: AbuseEventLoopResult | null): TargetCheck {
  if (r === null) return notMeasured(EVENT_LOOP, NOT_RUN);
  const size = ABUSE_TARGET_SIZES.eventLoop;
  if (r.jobs !== size.jobs || r.connects !== size.connects) {
    return notMeasured(EVENT_LOOP, `smaller run: ${formatCount(r.jobs)} jobs, ${r.connects} connects`);
  }
  const check = checkAtMost(EVENT_LOOP, r.connecting.p99, 50, ms);
  const note = `${check.note}; max ${ms(r.connecting.max)}`;
  const shortfalls = [
    ...(r.created < r.jobs ? [`${formatCount(r.jobs - r.created)} jobs not created`] : []),
    ...(r.failed > 0 ? [`${r.failed} connects failed`] : []),
    ...(r.eventsReceived < r.eventsExpected ? [`${formatCount(r.eventsExpected - r.eventsReceived)} snapshot events not received`] : []),
  ];
  return shortfalls.length > 0 ? { ...check, met: false, note: `${note}; ${shortfalls.join('; ')}` } : { ...check, note };
}

function soakTargets(r: AbuseSoakResult | null): TargetCheck[] {
  if (r === null) return [notMeasured(SOAK_RSS, NOT_RUN), notMeasured(SOAK_EVENTS, NOT_RUN)];
  const size = ABUSE_TARGET_SIZES.soak;
  if (r.connections !== size.connections || r.durationS !== size.durationS) {
    const why = `smaller run: ${formatCount(r.connections)} connections, ${r.durationS} s`;
    return [notMeasured(SOAK_RSS, why), notMeasured(SOAK_EVENTS, why)];
  }
  const rss = checkAtMost(SOAK_RSS, r.rssGrowth, 0.05, (v) => `${(v * 100).toFixed(1)}%`);
  const rssNote = `${rss.note}; ${formatMegabytes(r.rssBaselineBytes)} → ${formatMegabytes(r.rssEndBytes)}, peak ${formatMegabytes(r.rssPeakBytes)}`;
  const held = r.opened === r.connections;
  const rssCheck = held ? { ...rss, note: rssNote } : { ...rss, met: false, note: `${rssNote}; only ${formatCount(r.opened)} streams opened` };
  const clean = r.lost === 0 && r.duplicates === 0;
  const events: TargetCheck = {
    target: SOAK_EVENTS,
    measured: `${formatCount(r.lost)} lost, ${formatCount(r.duplicates)} duplicate`,
    met: clean && r.expected > 0 && held,
    note: `${formatCount(r.delivered)} of ${formatCount(r.expected)} final states delivered; ${formatCount(r.reconnects)} streams resumed`,
  };
  return [rssCheck, events];
}

/**
 * Checks the abuse targets, each only at the size it is stated for.
 *
 * @param abuse - the abuse scenario's results
 * @returns four checks
 */
export function abuseTargets(abuse: AbuseResult): TargetCheck[] {
  return [keysTarget(abuse.keys), eventLoopTarget(abuse.eventLoop), ...soakTargets(abuse.soak)];
}
