import { readFileSync } from 'node:fs';

/**
 * The soft limit on open files of this process (inherited by the processes it starts), from
 * `/proc/self/limits`; each held connection costs one descriptor on each side.
 *
 * @returns the limit, or `null` when it cannot be read or is unlimited
 */
export function openFilesLimit(): number | null {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}
