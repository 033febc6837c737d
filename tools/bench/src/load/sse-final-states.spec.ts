import { SseFinalStates } from './sse-final-states.js';

function frame(id: number, jobId: string, status: string, expectedCompletionAt = '2026-01-01T00:00:01.000Z'): string {
  return `id: ${id}\nevent: job\ndata: {"id":"${jobId}","status":"${status}","expectedCompletionAt":"${expectedCompletionAt}"}\n\n`;
}

describe('SseFinalStates', () => {
  it("notes the first final state of each job with the arrival time of the chunk that completed it, and the job's planned completion", () => {
    const seen: string[] = [];
    const finals = new SseFinalStates((jobId) => seen.push(jobId));
    const text = `retry: 1000\n\n${frame(1, 'a', 'pending')}: heartbeat\n\n${frame(2, 'a', 'completed', '2026-01-01T00:00:01.250Z')}`;
    const split = text.length - 5;
    finals.feed(text.slice(0, split), 100);
    expect(finals.get('a')).toBeUndefined();
    finals.feed(text.slice(split), 107.5);
    expect(finals.get('a')).toEqual({ receivedAt: 107.5, expectedCompletionAt: Date.parse('2026-01-01T00:00:01.250Z'), status: 'completed' });
    finals.feed(frame(3, 'b', 'error'), 110);
    expect(finals.get('b')?.status).toBe('error');
    expect(seen).toEqual(['a', 'b']);
    expect(finals.size).toBe(2);
  });

  it('passes over pending states, other events and a final state received again', () => {
    const finals = new SseFinalStates();
    finals.feed(frame(1, 'a', 'completed'), 5);
    finals.feed(`${frame(2, 'a', 'completed')}event: other\ndata: {"id":"c","status":"completed"}\n\n${frame(3, 'b', 'pending')}`, 9);
    expect(finals.get('a')?.receivedAt).toBe(5);
    expect(finals.get('b')).toBeUndefined();
    expect(finals.get('c')).toBeUndefined();
    expect(finals.size).toBe(1);
  });
});
