/**
 * A reply of a Redis server in RESP2: a simple or bulk string, an integer, `null` (a null bulk
 * string or array), an array of replies, or an `Error` carrying an error reply's text
 * (`ERR unknown command ...`).
 */
export type RespReply = string | number | null | Error | readonly RespReply[];

/** A reply parsed from the front of a buffer, and where the bytes after it begin. */
export interface ParsedReply {
  readonly reply: RespReply;
  /** Offset of the first byte after the reply. */
  readonly end: number;
}

const CRLF = '\r\n';

/**
 * Encodes a command as a RESP array of bulk strings, the form every Redis server accepts.
 * Pure: the bytes are what a test sends over a raw socket, so no Redis client is needed.
 *
 * @param args - the command and its arguments, e.g. `['SET', 'key', 'value']`
 * @returns the bytes to send
 * @example
 * encodeCommand(['PING']).toString(); // '*1\r\n$4\r\nPING\r\n'
 */
export function encodeCommand(args: readonly string[]): Buffer {
  if (args.length === 0) throw new TypeError('Expected `args` to hold at least the command name.');
  const parts = [`*${args.length}${CRLF}`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}${CRLF}${arg}${CRLF}`);
  return Buffer.from(parts.join(''));
}

/**
 * Parses one RESP2 reply from `buffer` at `offset`. Pure; a caller feeding a socket's bytes
 * calls it again once more bytes arrived when it returns `undefined`.
 *
 * @param buffer - bytes received so far
 * @param offset - where the reply begins @default 0
 * @returns the reply and its end, or `undefined` while the reply is incomplete
 * @throws TypeError when the bytes are not RESP2 (an unknown type byte or a malformed length)
 * @example
 * parseReply(Buffer.from('$5\r\nhello\r\n')); // { reply: 'hello', end: 11 }
 */
export function parseReply(buffer: Buffer, offset = 0): ParsedReply | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + CRLF.length;
  switch (type) {
    case '+':
      return { reply: line, end: next };
    case '-':
      return { reply: new Error(line), end: next };
    case ':':
      return { reply: integer(line, -Infinity), end: next };
    case '$': {
      const size = integer(line, -1);
      if (size === -1) return { reply: null, end: next };
      if (buffer.length < next + size + CRLF.length) return undefined;
      return { reply: buffer.toString('utf8', next, next + size), end: next + size + CRLF.length };
    }
    case '*': {
      const count = integer(line, -1);
      if (count === -1) return { reply: null, end: next };
      const items: RespReply[] = [];
      let end = next;
      for (let i = 0; i < count; i += 1) {
        const item = parseReply(buffer, end);
        if (item === undefined) return undefined;
        items.push(item.reply);
        end = item.end;
      }
      return { reply: items, end };
    }
    default:
      throw new TypeError(`Not a RESP2 reply: unexpected type byte ${JSON.stringify(type)} at offset ${offset}.`);
  }
}

/** The integer of a reply's first line, at least `min` (a length of -1 stands for null). */
function integer(text: string, min: number): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new TypeError(`Not a RESP2 reply: malformed integer "${text}".`);
  return value;
}
