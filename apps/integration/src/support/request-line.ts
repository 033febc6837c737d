/** What an HTTP request to the API is for, as far as the network can tell. */
export type RequestKind = 'create' | 'status' | 'batch' | 'stream' | 'preflight' | 'other';

/** Method and path; the query may be long (`?ids=` of up to 1000 jobs) and is not needed. */
const REQUEST_LINE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/[^\s?]*)[\s?]/;
const EVENT_STREAM_ACCEPT = /\r?\naccept:[^\r\n]*text\/event-stream/i;
/** Enough for a head whose URL lists 1000 job ids, and its headers. */
const HEAD_BYTES = 64 * 1024;

/**
 * Classifies the HTTP/1.1 request whose head starts `chunk`, without any I/O.
 *
 * A keep-alive connection carries several requests, and clients start each request in a new
 * write, so a chunk that starts with a method and a path starts a request; a chunk that does
 * not (a body, the rest of a large head) yields `null`. The `Accept` header is looked for in
 * the same chunk.
 *
 * @param chunk - bytes the client sent
 * @returns the kind of request, or `null` when `chunk` does not start one
 * @example
 * classifyRequest(Buffer.from('GET /status HTTP/1.1\r\n\r\n')); // 'stream'
 */
export function classifyRequest(chunk: Buffer): RequestKind | null {
  const head = chunk.subarray(0, HEAD_BYTES).toString('latin1');
  const line = REQUEST_LINE.exec(head);
  if (line === null) return null;
  const method = line[1];
  const path = line[2];
  if (method === 'GET' && (path === '/status' || EVENT_STREAM_ACCEPT.test(head))) return 'stream';
  if (method === 'POST' && path === '/create') return 'create';
  if (method === 'POST' && path === '/status/batch') return 'batch';
  if (method === 'GET' && path?.startsWith('/status/')) return 'status';
  // A cross-origin request with an Authorization header is preceded by a CORS preflight.
  if (method === 'OPTIONS') return 'preflight';
  return 'other';
}
