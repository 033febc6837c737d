interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per caller for job creation: `burst` creates at once, refilled at `ratePerS`.
 *
 * Keys are free to invent, so buckets must not pile up: a bucket that has refilled is the same
 * as no bucket and is dropped. Buckets are kept in the order of their last use, so those at the
 * front are the fullest and each take sweeps only the ones that have refilled: O(1) amortised.
 */
export class CreateRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param ratePerS - tokens added per second
   * @param burst - bucket size
   */
  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
  ) {}

  /**
   * Takes a token for one create.
   *
   * @param callerId - the creating caller
   * @param now - epoch milliseconds
   * @returns 0 when the create may go ahead, otherwise the milliseconds until a token is free
   */
  take(callerId: string, now: number): number {
    this.sweep(now);
    const bucket = this.buckets.get(callerId);
    const tokens = bucket === undefined ? this.burst : this.refilled(bucket, now);
    if (tokens < 1) return Math.ceil(((1 - tokens) * 1000) / this.ratePerS);
    this.buckets.delete(callerId);
    this.buckets.set(callerId, { tokens: tokens - 1, at: now });
    return 0;
  }

  /** Number of callers with a bucket that is not full, for tests and diagnostics. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.ratePerS) / 1000);
  }

  private sweep(now: number): void {
    for (const [callerId, bucket] of this.buckets) {
      if (this.refilled(bucket, now) < this.burst) break;
      this.buckets.delete(callerId);
    }
  }
}
