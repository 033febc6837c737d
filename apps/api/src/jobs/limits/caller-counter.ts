/**
 * Counts what callers hold (event streams, long-polls), per caller and in total, against a
 * limit for each. A caller whose count drops to zero leaves no entry behind.
 */
export class CallerCounter {
  private readonly counts = new Map<string, number>();
  private all = 0;

  /**
   * @param perCaller - the most one caller may hold
   * @param total - the most all callers together may hold
   */
  constructor(
    private readonly perCaller: number,
    private readonly total: number,
  ) {}

  /**
   * Takes one for a caller, unless a limit is reached.
   *
   * @param callerId - the caller
   * @returns `'ok'`, or which limit stands in the way
   */
  acquire(callerId: string): 'ok' | 'caller' | 'total' {
    const count = this.counts.get(callerId) ?? 0;
    // The caller's own limit first: it tells the caller what it can change.
    if (count >= this.perCaller) return 'caller';
    if (this.all >= this.total) return 'total';
    this.counts.set(callerId, count + 1);
    this.all += 1;
    return 'ok';
  }

  /**
   * Gives one back.
   *
   * @param callerId - the caller that acquired it
   */
  release(callerId: string): void {
    const count = this.counts.get(callerId);
    if (count === undefined) return;
    this.all -= 1;
    if (count > 1) this.counts.set(callerId, count - 1);
    else this.counts.delete(callerId);
  }

  /** @returns what all callers hold together */
  get held(): number {
    return this.all;
  }

  /** Number of callers holding anything, for tests and diagnostics. */
  get callers(): number {
    return this.counts.size;
  }
}
