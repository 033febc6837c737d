import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Calls `onLine` with every non-empty line of a child process's output stream; reading also
 * keeps the pipe from filling up and blocking the child.
 *
 * @param stream - the child's stdout or stderr; `null` when it is not piped
 * @param onLine - receives each line without its line break
 */
export function readLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') onLine(line);
  });
}
