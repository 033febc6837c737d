import { forEachLimit, Latch } from './latch.js';

describe('Latch', () => {
  it('resolves true once every event happened', async () => {
    const latch = new Latch(2);
    latch.countDown();
    expect(latch.pending).toBe(1);
    setTimeout(() => latch.countDown(), 1);
    await expect(latch.wait(1000)).resolves.toBe(true);
    expect(latch.pending).toBe(0);
  });

  it('resolves false when the time is up', async () => {
    const latch = new Latch(1);
    await expect(latch.wait(5)).resolves.toBe(false);
  });
});

describe('forEachLimit', () => {
  it('visits every item with at most the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});
