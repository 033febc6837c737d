/**
 * Reads the resident set size from the text of `/proc/<pid>/status`.
 *
 * @param status - the file's content
 * @returns `VmRSS` in bytes
 * @throws Error when the field is missing
 */
export function parseVmRss(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error('No VmRSS line in /proc/<pid>/status.');
  return Number(match[1]) * 1024;
}

/**
 * Reads the CPU time a process has used from the text of `/proc/<pid>/stat`.
 *
 * @param stat - the file's content
 * @param ticksPerSecond - the kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux)
 * @returns user plus system time, ms
 * @throws Error when the text is not a stat line
 */
export function parseCpuMs(stat: string, ticksPerSecond = 100): number {
  // The command name may contain spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('Not a /proc/<pid>/stat line.');
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/** The machine's CPU time from `/proc/stat`, in clock ticks summed over every core. */
export interface CpuTicks {
  /** Ticks spent on any work: everything but `idle` and `iowait`. */
  readonly busy: number;
  /** All ticks. */
  readonly total: number;
}

/**
 * Reads the machine's CPU time over all cores from the text of `/proc/stat` (its `cpu` line).
 *
 * @param stat - the file's content
 * @returns busy and total ticks since boot
 * @throws Error when the `cpu` line is missing
 */
export function parseCpuTicks(stat: string): CpuTicks {
  const match = /^cpu((?: +\d+){4,})$/m.exec(stat);
  if (match === null) throw new Error('No cpu line in /proc/stat.');
  const ticks = (match[1] as string).trim().split(/ +/).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  // Fields: user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const [, , , idle = 0, iowait = 0, , , , guest = 0, guestNice = 0] = ticks;
  return { busy: total - guest - guestNice - idle - iowait, total: total - guest - guestNice };
}

/**
 * The share of the machine's CPU time that was busy between two readings of `/proc/stat`.
 *
 * @param before - the first reading
 * @param after - the second
 * @returns busy ticks over all ticks, from 0 to 1; `null` when no tick passed
 */
export function busyShare(before: CpuTicks, after: CpuTicks): number | null {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : null;
}
