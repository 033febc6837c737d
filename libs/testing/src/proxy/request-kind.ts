/** What an HTTP request to the API is for, as far as its request line tells. */
export type RequestKind = 'create' | 'status' | 'long-poll' | 'batch' | 'stream' | 'preflight' | 'health' | 'other';

/** Every {@link RequestKind}, in a fixed order (counters start at zero for each). */
export const REQUEST_KINDS: readonly RequestKind[] = ['create', 'status', 'long-poll', 'batch', 'stream', 'preflight', 'health', 'other'];

/** The kinds that read job status: what "status requests" counts on the wire. */
export const STATUS_KINDS: readonly RequestKind[] = ['status', 'long-poll', 'batch', 'stream'];

/** A request line seen on the wire. */
export interface RequestLine {
  readonly method: string;
  /** The request target: path and query. */
  readonly target: string;
}

/**
 * Classifies a request by its method and target, without I/O. `GET /status` (with or without
 * `?ids=`) is the event stream; `GET /status/:id` with a positive `waitMs` is a long-poll;
 * `POST /status/batch` counts as `batch` whether or not its body asks for a wait (bodies are
 * not parsed). A cross-origin call with an `Authorization` header is preceded by an `OPTIONS`
 * preflight.
 *
 * @param line - the request line
 * @returns the request's kind
 * @example
 * classifyRequest({ method: 'GET', target: '/status?ids=a,b' }); // 'stream'
 */
export function classifyRequest(line: RequestLine): RequestKind {
  const [path = '', query = ''] = line.target.split('?', 2);
  if (line.method === 'OPTIONS') return 'preflight';
  if (line.method === 'POST' && path === '/create') return 'create';
  if (line.method === 'POST' && path === '/status/batch') return 'batch';
  if (line.method === 'GET' && path === '/status') return 'stream';
  if (line.method === 'GET' && path === '/health') return 'health';
  if (line.method === 'GET' && path.startsWith('/status/')) {
    const wait = Number(new URLSearchParams(query).get('waitMs') ?? 0);
    return wait > 0 ? 'long-poll' : 'status';
  }
  return 'other';
}

// A request can follow a body with no separator (keep-alive), so a request line is found
// anywhere in the byte stream, not only after a line break.
const REQUEST_LINE = /(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

/** Bytes kept between chunks: a request line split by a chunk boundary is found whole. */
const MAX_CARRY = 1024 * 1024;

/**
 * Finds HTTP/1.x request lines in the client-to-server byte stream of one connection, fed in
 * arbitrary chunks (decoded as latin1, so one character is one byte). A request line split
 * across chunks is reported once, when its last byte arrives.
 *
 * @example
 * const scanner = new RequestLineScanner();
 * socket.on('data', (chunk) => scanner.feed(chunk.toString('latin1')).forEach(count));
 */
export class RequestLineScanner {
  private carry = '';

  /**
   * Scans the next chunk of the stream.
   *
   * @param chunk - the bytes as a latin1 string
   * @returns the request lines completed by this chunk, each reported once
   */
  feed(chunk: string): RequestLine[] {
    const text = this.carry + chunk;
    const found: RequestLine[] = [];
    let end = 0;
    for (const match of text.matchAll(REQUEST_LINE)) {
      found.push({ method: match[1] as string, target: match[2] as string });
      end = match.index + match[0].length;
    }
    const rest = text.slice(end);
    this.carry = rest.length > MAX_CARRY ? rest.slice(-MAX_CARRY) : rest;
    return found;
  }
}
