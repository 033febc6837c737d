import { getEventListeners } from 'node:events';
import { abortScope } from './abort-scope.js';
import { systemClock } from './clock.js';
import { TimeoutError } from './errors/timeout-error.js';
import { useFakeTime } from './testing/flush.js';

describe('abortScope', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  const timeout = (): TimeoutError => new TimeoutError('too slow');

  it('aborts with the timeout error once the deadline passes', () => {
    const controller = abortScope(systemClock, undefined, 1000, timeout);
    jest.advanceTimersByTime(999);
    expect(controller.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(controller.signal.reason).toMatchObject({ code: 'ERR_TIMEOUT', message: 'too slow' });
  });

  it('follows the caller signal with its reason, also when it aborted before', () => {
    const caller = new AbortController();
    const controller = abortScope(systemClock, caller.signal, 1000, timeout);
    caller.abort('stop');
    expect(controller.signal.reason).toBe('stop');
    expect(abortScope(systemClock, AbortSignal.abort('earlier'), 1000, timeout).signal.reason).toBe('earlier');
  });

  it('leaves no timer behind once aborted, and sets none without a deadline', () => {
    abortScope(systemClock, undefined, 1000, timeout).abort();
    abortScope(systemClock, AbortSignal.abort(), 1000, timeout);
    abortScope(systemClock, undefined, undefined, timeout);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('removes its listener from the caller signal once aborted', () => {
    const caller = new AbortController();
    const controller = abortScope(systemClock, caller.signal, undefined, timeout);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    controller.abort('done');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
