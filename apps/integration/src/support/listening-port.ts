const URL_PORT = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[[0-9a-f:]*\])(?::(\d{1,5}))/i;
const PORT_FIELD = /"port"\s*:\s*(\d{1,5})\b/;

/**
 * Finds the port in the API's "listening" log line (a JSON line naming the bound address,
 * either as a URL or as a `port` field). Pure, so the format it accepts is tested on its own.
 *
 * @param line - one line of the server's log
 * @returns the port, or `null` when the line does not announce one
 * @example
 * findListeningPort('{"message":"Listening on http://127.0.0.1:43121"}'); // 43121
 */
export function findListeningPort(line: string): number | null {
  const match = URL_PORT.exec(line) ?? PORT_FIELD.exec(line);
  const port = Number(match?.[1]);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}
