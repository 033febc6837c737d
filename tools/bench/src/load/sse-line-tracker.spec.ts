import { SseLineTracker } from './sse-line-tracker.js';

describe('SseLineTracker', () => {
  const event = (status: string): string => `event: job\nid: 1\ndata: {"id":"x","status":"${status}"}\n\n`;

  it('counts completion events and notes heartbeats, across chunk boundaries', () => {
    const tracker = new SseLineTracker();
    const text = `retry: 1000\n\n${event('pending')}: heartbeat\n\n${event('completed')}${event('completed')}`;
    const cut = text.indexOf('"completed"') + 4;
    tracker.feed(text.slice(0, cut), 10);
    expect(tracker.completions).toBe(0);
    tracker.feed(text.slice(cut), 20);
    expect(tracker.heartbeat).toBe(true);
    expect(tracker.completions).toBe(2);
    expect(tracker.lastCompletionAt).toBe(20);
  });

  it('counts every event by its id line and notes when the last one arrived', () => {
    const tracker = new SseLineTracker();
    tracker.feed(`retry: 1000\n\n${event('pending')}${event('pending')}: heartbeat\n\n`, 7);
    tracker.feed(event('completed'), 9);
    expect(tracker.events).toBe(3);
    expect(tracker.lastEventAt).toBe(9);
  });

  it('forgets heartbeats and completions at a mark', () => {
    const tracker = new SseLineTracker();
    tracker.feed(`: heartbeat\n${event('completed')}`, 5);
    tracker.mark();
    expect(tracker.heartbeat).toBe(false);
    expect(tracker.completions).toBe(0);
    expect(tracker.events).toBe(0);
    tracker.feed(event('error'), 6);
    expect(tracker.completions).toBe(0);
  });
});
