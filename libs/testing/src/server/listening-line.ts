/**
 * Reads the port from the API's "listening" log line, the JSON line it writes once bound
 * whatever `LOG_LEVEL` says: `{"level":"log","context":"Main","message":"listening",
 * "url":"http://127.0.0.1:43195","port":43195}`. With `PORT=0` this line is the only way to
 * learn the port. Pure, so the format it accepts is tested on its own.
 *
 * @param line - one line of the server's output
 * @returns the port, or `null` when the line is not the listening line
 * @example
 * parseListeningPort('{"message":"listening","url":"http://127.0.0.1:43121","port":43121}'); // 43121
 */
export function parseListeningPort(line: string): number | null {
  if (!line.startsWith('{')) return null;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const { message, port } = record as Record<string, unknown>;
  if (message !== 'listening' || typeof port !== 'number') return null;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}
