import type { Job } from '@heygen-mock/contracts';
import { JobNotFoundError } from './errors/job-not-found-error.js';
import { createJobRegistry, type JobListener } from './job-registry.js';
import { makeJob } from './testing/job.js';

function setup() {
  const hooks = { watch: jest.fn(), unwatch: jest.fn(), update: jest.fn(), error: jest.fn(), now: () => 1000 };
  const registry = createJobRegistry(hooks);
  const listener = (): JobListener & { jobs: Job[]; errors: unknown[] } => {
    const jobs: Job[] = [];
    const errors: unknown[] = [];
    return { jobs, errors, job: (job) => void jobs.push(job), fail: (error) => void errors.push(error) };
  };
  return { hooks, registry, listener };
}

const later = (job: Job, changes: Partial<Job>, ms = 100): Job => ({
  ...job,
  updatedAt: new Date(Date.parse(job.updatedAt) + ms).toISOString(),
  ...changes,
});

describe('createJobRegistry', () => {
  it('watches a job from its first listener to its last', () => {
    const { hooks, registry, listener } = setup();
    const [a, b] = [listener(), listener()];
    registry.add('j', a);
    registry.add('j', b);
    expect(hooks.watch).toHaveBeenCalledTimes(1);
    registry.remove('j', a);
    expect(hooks.unwatch).not.toHaveBeenCalled();
    registry.remove('j', b);
    expect(hooks.unwatch).toHaveBeenCalledWith('j');
    expect(registry.ids()).toEqual([]);
  });

  it('delivers each state once and drops repeats and stale states', () => {
    const { hooks, registry, listener } = setup();
    const job = makeJob({ progress: 10 });
    const l = listener();
    registry.add(job.id, l);
    const progressed = later(job, { progress: 50 });
    registry.deliver(job);
    registry.deliver({ ...job });
    registry.deliver(progressed);
    registry.deliver(job);
    expect(l.jobs.map((j) => j.progress)).toEqual([10, 50]);
    expect(hooks.update).toHaveBeenCalledTimes(2);
  });

  it('delivers a terminal state exactly once, then ends the watch', () => {
    const { hooks, registry, listener } = setup();
    const job = makeJob();
    const l = listener();
    registry.add(job.id, l);
    const done = later(job, { status: 'completed', progress: 100 });
    registry.deliver(done);
    registry.deliver(done);
    registry.deliver(later(done, {}, 50));
    expect(l.jobs).toEqual([done]);
    expect(hooks.unwatch).toHaveBeenCalledTimes(1);
    expect(registry.ids()).toEqual([]);
  });

  it('keeps a completion when a pending state with the same updatedAt arrives after it', () => {
    const { registry, listener } = setup();
    // durationMs: 0, so creation and completion share a millisecond: the stream's completion
    // can overtake the create response.
    const created = makeJob();
    const done: Job = { ...created, status: 'completed', progress: 100 };
    const l = listener();
    registry.add(created.id, l);
    registry.deliver(done);
    registry.deliver(created);
    expect(l.jobs).toEqual([done]);
    expect(registry.known.get(created.id)?.[0]).toEqual(done);
  });

  it('takes a terminal state whose updatedAt is earlier than the last pending one, and never leaves it', () => {
    const { registry, listener } = setup();
    const job = makeJob();
    const progressed = later(job, { progress: 60 }, 500);
    // From a server whose clock runs behind the one that reported the progress.
    const failed = later(job, { status: 'error', progress: 60 }, 200);
    const l = listener();
    registry.add(job.id, l);
    registry.deliver(progressed);
    registry.deliver(failed);
    registry.deliver(later(progressed, { progress: 80 }, 100));
    expect(l.jobs).toEqual([progressed, failed]);
    expect(registry.known.get(job.id)?.[0]).toEqual(failed);
  });

  it('lets a listener remove itself from its own terminal callback', () => {
    const { hooks, registry } = setup();
    const job = makeJob();
    const l: JobListener = { job: () => registry.remove(job.id, l), fail: () => undefined };
    registry.add(job.id, l);
    registry.deliver(later(job, { status: 'error' }));
    expect(hooks.unwatch).toHaveBeenCalledTimes(1);
  });

  it('answers a listener of a job known to be finished from memory', async () => {
    const { hooks, registry, listener } = setup();
    const done = makeJob({ status: 'completed' });
    registry.deliver(done);
    const l = listener();
    registry.add(done.id, l);
    expect(hooks.watch).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(l.jobs).toEqual([done]);
  });

  it('reports a listener of a finished job that throws, instead of letting it escape', async () => {
    const { hooks, registry, listener } = setup();
    const done = makeJob({ status: 'completed' });
    registry.deliver(done);
    const bug = new Error('app bug');
    registry.add(done.id, { job: () => { throw bug; }, fail: () => undefined });
    const good = listener();
    registry.add(done.id, good);
    await Promise.resolve();
    expect(hooks.error).toHaveBeenCalledWith(bug);
    expect(good.jobs).toEqual([done]);
  });

  it('fails every listener of the given jobs and keeps the others', () => {
    const { registry, listener } = setup();
    const [a, b] = [listener(), listener()];
    registry.add('a', a);
    registry.add('b', b);
    const error = new JobNotFoundError('gone', { jobId: 'a' });
    registry.fail(['a', 'unknown'], error);
    expect(a.errors).toEqual([error]);
    expect(b.errors).toEqual([]);
    expect(registry.ids()).toEqual(['b']);
  });

  it('reports a throwing listener and still serves the others', () => {
    const { hooks, registry, listener } = setup();
    const job = makeJob();
    const good = listener();
    registry.add(job.id, { job: () => { throw new Error('app bug'); }, fail: () => undefined });
    registry.add(job.id, good);
    registry.deliver(job);
    expect(hooks.error).toHaveBeenCalledWith(expect.objectContaining({ message: 'app bug' }));
    expect(good.jobs).toEqual([job]);
  });

  it('remembers when each state arrived and when it was asked for, by default on arrival', () => {
    const { registry } = setup();
    const [created, streamed] = [makeJob(), makeJob()];
    registry.deliver(created, 400);
    registry.deliver(streamed);
    expect(registry.known.get(created.id)).toEqual([created, 1000, 400]);
    expect(registry.known.get(streamed.id)).toEqual([streamed, 1000, 1000]);
  });

  it('keeps a bounded memory of known jobs', () => {
    const { registry } = setup();
    for (let i = 0; i < 2500; i++) registry.deliver(makeJob());
    expect(registry.known.size).toBeLessThanOrEqual(1000);
  });

  it('never forgets a watched job, however many others arrive', () => {
    const { registry, listener } = setup();
    const watched = makeJob();
    registry.add(watched.id, listener());
    registry.deliver(watched);
    for (let i = 0; i < 2500; i++) registry.deliver(makeJob());
    expect(registry.known.get(watched.id)?.[0]).toBe(watched);
    expect(registry.known.size).toBeLessThanOrEqual(1001);
  });

  it('forgets the unwatched jobs heard of least recently first, one at a time', () => {
    const { registry } = setup();
    const first = makeJob();
    registry.deliver(first);
    const others = Array.from({ length: 999 }, () => makeJob());
    others.forEach((job) => registry.deliver(job));
    // Heard of again: now the most recent.
    registry.deliver(later(first, { progress: 50 }));
    registry.deliver(makeJob());
    expect(registry.known.has(first.id)).toBe(true);
    expect(registry.known.has(others[0]!.id)).toBe(false);
    expect(registry.known.has(others[1]!.id)).toBe(true);
    expect(registry.known.size).toBe(1000);
  });

  it('makes a job forgettable again once its watch ends', () => {
    const { registry, listener } = setup();
    const job = makeJob();
    registry.add(job.id, listener());
    registry.deliver(job);
    registry.deliver(later(job, { status: 'completed', progress: 100 }));
    for (let i = 0; i < 1000; i++) registry.deliver(makeJob());
    expect(registry.known.has(job.id)).toBe(false);
    expect(registry.known.size).toBe(1000);
  });
});
