import type { AbuseResult } from './abuse-types.js';
import { abuseTargets } from './abuse-targets.js';
import { abuseResult } from './sample-report.fixture.js';

function withParts(parts: Partial<{ [K in keyof AbuseResult]: Partial<NonNullable<AbuseResult[K]>> }>): AbuseResult {
  const base = abuseResult();
  return {
    keys: { ...(base.keys as NonNullable<AbuseResult['keys']>), ...parts.keys },
    eventLoop: { ...(base.eventLoop as NonNullable<AbuseResult['eventLoop']>), ...parts.eventLoop },
    soak: { ...(base.soak as NonNullable<AbuseResult['soak']>), ...parts.soak },
  };
}

describe('abuseTargets', () => {
  it('checks RSS growth of invented keys, event-loop p99 under connects, and the soak', () => {
    const [keys, loop, rss, events] = abuseTargets(abuseResult());
    expect(keys).toEqual({
      target: 'RSS growth ≤ 50 MB in 15 s: 1,000 invented keys, a day-long job each, progress due every 10 ms',
      measured: '30.0 MB',
      met: true,
      note: '60% of the limit; peak 50.0 MB above the start; live heap 10.0 MB more',
    });
    expect(loop).toMatchObject({ measured: '35.0 ms', met: true, note: '70% of the limit; max 80.0 ms' });
    expect(rss).toMatchObject({ measured: '3.0%', met: true, note: '60% of the limit; 200.0 MB → 206.0 MB, peak 215.0 MB' });
    expect(events).toEqual({
      target: '0 lost and 0 duplicate events over those 10 min',
      measured: '0 lost, 0 duplicate',
      met: true,
      note: '126,000 of 126,000 final states delivered; 0 streams resumed',
    });
  });

  it('misses a target whose run did not load the server as stated, whatever the figure', () => {
    const [keys, loop, rss, events] = abuseTargets(
      withParts({ keys: { failed: 2, errors: ['POST /create answered 429'] }, eventLoop: { eventsReceived: 1_999_000 }, soak: { opened: 1990 } }),
    );
    expect(keys).toMatchObject({ met: false });
    expect(keys?.note).toContain('2 creates failed: POST /create answered 429');
    expect(loop).toMatchObject({ met: false });
    expect(loop?.note).toContain('1,000 snapshot events not received');
    expect(rss?.met).toBe(false);
    expect(rss?.note).toContain('only 1,990 streams opened');
    expect(events?.met).toBe(false);
  });

  it('misses the event target on any lost or duplicate event', () => {
    expect(abuseTargets(withParts({ soak: { lost: 1 } }))[3]).toMatchObject({ measured: '1 lost, 0 duplicate', met: false });
    expect(abuseTargets(withParts({ soak: { duplicates: 2 } }))[3]).toMatchObject({ measured: '0 lost, 2 duplicate', met: false });
  });

  it('states no verdict for a smaller run or a part that did not run', () => {
    const smaller = abuseTargets(withParts({ keys: { keys: 100, durationS: 3 }, eventLoop: { jobs: 2000, connects: 5 }, soak: { connections: 50, durationS: 6 } }));
    expect(smaller.map((t) => t.met)).toEqual([null, null, null, null]);
    expect(smaller[0]?.measured).toBe('not measured (smaller run: 100 keys, 3 s)');
    expect(abuseTargets({ keys: null, eventLoop: null, soak: null }).map((t) => t.measured)).toEqual(Array(4).fill('not measured (abuse scenario not in this run)'));
  });
});
