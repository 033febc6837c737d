import { jest } from '@jest/globals';
import { DEFAULT_API_CONFIG } from '../config/api-config.js';
import { jobFixture } from '../testing/job-fixture.js';
import { ManualClock } from '../testing/manual-clock.js';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import type { JobEventSubscriber } from './events/job-event.js';
import { JobWatchers } from './job-watchers.js';

const JOB = jobFixture({ id: '00000000-0000-4000-8000-00000000000a' });
const OTHER_JOB = jobFixture({ id: '00000000-0000-4000-8000-00000000000b' });

function setup() {
  const bus = new InMemoryJobEventBus(DEFAULT_API_CONFIG, new ManualClock());
  const leave = jest.fn(async (callerId: string, subscriber: JobEventSubscriber): Promise<void> => bus.unsubscribe(callerId, subscriber));
  return { bus, leave, watchers: new JobWatchers(bus, leave) };
}

describe('JobWatchers', () => {
  it('wakes a wait when a watched job leaves pending, not on progress or on other jobs', async () => {
    const { bus, watchers } = setup();
    const wake = jest.fn();
    await watchers.watch('alice', [JOB.id], wake);
    bus.publish('alice', { ...JOB, progress: 50 });
    bus.publish('alice', { ...OTHER_JOB, status: 'completed' });
    bus.publish('bob', { ...JOB, status: 'completed' });
    expect(wake).not.toHaveBeenCalled();
    bus.publish('alice', { ...JOB, status: 'error' });
    bus.publish('alice', { ...JOB, status: 'error' });
    expect(wake).toHaveBeenCalledTimes(1);
    expect(watchers.watchedJobCount).toBe(0);
  });

  it('shares one bus subscription among a caller’s waits and ends it with the last one', async () => {
    const { bus, leave, watchers } = setup();
    const [wakeA, wakeB] = [jest.fn(), jest.fn()];
    const stopA = await watchers.watch('alice', [JOB.id], wakeA);
    const stopB = await watchers.watch('alice', [JOB.id, OTHER_JOB.id], wakeB);
    expect(bus.subscriberCount('alice')).toBe(1);
    expect(watchers.watchedJobCount).toBe(2);

    stopA();
    expect(leave).not.toHaveBeenCalled();
    bus.publish('alice', { ...JOB, status: 'completed' });
    expect(wakeA).not.toHaveBeenCalled();
    expect(wakeB).toHaveBeenCalledTimes(1);
    stopB();
    await Promise.resolve();
    expect(leave).toHaveBeenCalledTimes(1);
    expect(bus.subscriberCount('alice')).toBe(0);
    expect(watchers.watchedJobCount).toBe(0);
  });

  it('wakes every wait when the bus closes the subscription', async () => {
    const { bus, watchers } = setup();
    const [wakeA, wakeB] = [jest.fn(), jest.fn()];
    await watchers.watch('alice', [JOB.id], wakeA);
    await watchers.watch('bob', [OTHER_JOB.id], wakeB);
    bus.closeAll();
    expect([wakeA.mock.calls.length, wakeB.mock.calls.length]).toEqual([1, 1]);
    expect(watchers.watchedJobCount).toBe(0);
  });
});
