import { abuseSection } from './render-abuse.js';
import { abuseResult } from './sample-report.fixture.js';

describe('abuseSection', () => {
  const section = abuseSection(abuseResult()).join('\n');

  it('renders the invented keys with memory in the unit of the target', () => {
    expect(section).toContain('`PROGRESS_INTERVAL_MS=10`');
    expect(section).toContain('| 1,000 | 1,000 | 900 ms | 120.0 MB | 150.0 MB | +30.0 MB | +50.0 MB | +10.0 MB | 2,000 ms |');
  });

  it('renders both event-loop windows and says what an idle loop reads', () => {
    expect(section).toContain('an idle loop reads about 10 ms');
    expect(section).toContain('| creating 100,000 jobs | 30,000 ms | 900 | 10.2 | 30.0 | 60.0 | 70.0% |');
    expect(section).toContain('| 20 SSE connects | 9,000 ms | 900 | 10.2 | 35.0 | 80.0 | 70.0% |');
    expect(section).toContain('Snapshot events received: 2,000,000 of 2,000,000 (100,000 jobs × 20 streams).');
  });

  it('renders the soak with its settings, its account of final states and its memory', () => {
    expect(section).toContain('2,000 event streams (200 callers × 10)');
    expect(section).toContain('`JOB_RETENTION_MS=10000`');
    expect(section).toContain('| 2,000 | 2,000 | 12,600 | 126,000 | 126,000 | 0 | 0 | 500,000 | 0 | 200.0 MB | 206.0 MB | 3.0% | 215.0 MB |');
  });

  it('renders only the parts that ran, and nothing when none did', () => {
    const keysOnly = abuseSection({ ...abuseResult(), eventLoop: null, soak: null }).join('\n');
    expect(keysOnly).toContain('### Invented keys');
    expect(keysOnly).not.toContain('### Event loop');
    expect(abuseSection({ keys: null, eventLoop: null, soak: null })).toEqual([]);
  });
});
