const URL_IN_TEXT = /\bhttps?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):\d+/;

function findInValue(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return URL_IN_TEXT.exec(value)?.[0] ?? null;
  if (depth > 3 || typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record['port'] === 'number' && record['port'] > 0) {
    const host = typeof record['host'] === 'string' && record['host'] !== '0.0.0.0' ? record['host'] : '127.0.0.1';
    return `http://${host.includes(':') ? `[${host}]` : host}:${record['port']}`;
  }
  for (const inner of Object.values(record)) {
    const found = findInValue(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Finds the address the server says it listens on in one line of its output: a JSON log
 * line with a URL in any field or a numeric `port` (with `host`), or a URL in plain text.
 * An unspecified bind address (`0.0.0.0`) is reached on 127.0.0.1.
 *
 * @param line - one line of the server's standard output
 * @returns the base URL, or `null` when the line names none
 */
export function findListenUrl(line: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = line;
  }
  const url = findInValue(parsed, 0);
  return url?.replace('0.0.0.0', '127.0.0.1').replace('localhost', '127.0.0.1') ?? null;
}

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
