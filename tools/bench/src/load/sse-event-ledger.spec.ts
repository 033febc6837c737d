import { SseEventLedger } from './sse-event-ledger.js';

function frame(id: number, jobId: string, status: string): string {
  return `id: ${id}\nevent: job\ndata: {"id":"${jobId}","status":"${status}","progress":0}\n\n`;
}

describe('SseEventLedger', () => {
  it('counts the final state of each job once, across chunk boundaries, and remembers the last id', () => {
    const ledger = new SseEventLedger();
    const text = `retry: 1000\n\n${frame(10, 'a', 'pending')}: heartbeat\n\n${frame(11, 'b', 'pending')}${frame(12, 'a', 'completed')}${frame(13, 'b', 'error')}`;
    for (let at = 0; at < text.length; at += 7) ledger.feed(text.slice(at, at + 7));
    expect(ledger.events).toBe(4);
    expect(ledger.lastEventId).toBe(13);
    expect(ledger.duplicates).toBe(0);
    expect(ledger.tally(['a', 'b', 'c'])).toEqual({ delivered: 2, lost: 1 });
  });

  it('counts an event whose id is not above the last one, and a final state received twice, as duplicates', () => {
    const ledger = new SseEventLedger();
    ledger.feed(frame(5, 'a', 'completed') + frame(5, 'a', 'completed') + frame(4, 'b', 'pending'));
    expect(ledger.duplicates).toBe(2);
    ledger.feed(frame(9, 'a', 'completed'));
    expect(ledger.duplicates).toBe(3);
    expect(ledger.tally(['a'])).toEqual({ delivered: 1, lost: 0 });
  });

  it('drops a partial event when its connection is gone, and reads the next connection from its start', () => {
    const ledger = new SseEventLedger();
    ledger.feed(frame(1, 'a', 'pending') + 'id: 2\nevent: job\ndata: {"id":"a","sta');
    ledger.restart();
    ledger.feed(`retry: 1000\n\n${frame(3, 'a', 'completed')}`);
    expect(ledger.events).toBe(2);
    expect(ledger.lastEventId).toBe(3);
    expect(ledger.tally(['a'])).toEqual({ delivered: 1, lost: 0 });
  });
});
