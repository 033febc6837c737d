import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first truthy value the condition returns', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `after ${calls}` : null), { intervalMs: 1 })).resolves.toBe('after 3');
  });

  it('awaits an async condition and treats a throw as not yet', async () => {
    let calls = 0;
    const condition = async (): Promise<boolean> => {
      calls += 1;
      if (calls < 3) throw new Error('not up yet');
      return true;
    };
    await expect(waitFor(condition, { intervalMs: 1 })).resolves.toBe(true);
    expect(calls).toBe(3);
  });

  it('fails naming what it waited for, with the last error as the cause', async () => {
    const failure = waitFor(
      () => {
        throw new Error('connection refused');
      },
      { what: 'the server', timeoutMs: 0 },
    );
    await expect(failure).rejects.toThrow('Timed out after 0 ms waiting for the server.');
    await expect(failure).rejects.toMatchObject({ cause: { message: 'connection refused' } });
  });
});
