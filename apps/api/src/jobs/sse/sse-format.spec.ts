import { formatSseComment, formatSseEvent, formatSseRetry } from './sse-format.js';

describe('SSE framing', () => {
  it('frames an event with id, type and data, ended by a blank line', () => {
    expect(formatSseEvent({ id: '7', event: 'job', data: '{"a":1}' })).toBe('id: 7\nevent: job\ndata: {"a":1}\n\n');
  });

  it('sends each line of multi-line data as its own data field', () => {
    expect(formatSseEvent({ data: 'one\ntwo\r\nthree' })).toBe('data: one\ndata: two\ndata: three\n\n');
  });

  it('refuses an id or type that would break the framing', () => {
    expect(() => formatSseEvent({ id: '1\n2', data: '' })).toThrow(TypeError);
    expect(() => formatSseEvent({ event: 'a\rb', data: '' })).toThrow(TypeError);
  });

  it('frames comments on one line and the retry field', () => {
    expect(formatSseComment('heart\nbeat')).toBe(': heart beat\n\n');
    expect(formatSseRetry(1500)).toBe('retry: 1500\n\n');
    expect(() => formatSseRetry(-1)).toThrow(TypeError);
  });
});
