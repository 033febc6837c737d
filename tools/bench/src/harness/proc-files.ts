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
