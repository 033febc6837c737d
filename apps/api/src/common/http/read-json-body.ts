import type { IncomingMessage } from 'node:http';
import { ProblemException } from '../problems/problem.exception.js';

/** Largest accepted request body, in bytes (16 KB). */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Largest accepted body of a batch read (64 KB): 1000 ids, the most a batch may list, take
 * about 39 KB as compact JSON and more when pretty-printed, so the general limit cannot apply.
 */
export const MAX_BATCH_BODY_BYTES = 64 * 1024;

// `application/json` and structured-syntax types such as `application/merge-patch+json`.
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/**
 * Tells whether a request carries a body at all, following RFC 9112 §6.3: a body is present
 * when `Transfer-Encoding` is set or `Content-Length` is above zero.
 *
 * @param req - incoming request
 * @returns `true` when a body follows the headers
 */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Reads a request body that must be a JSON object of at most `limit` bytes.
 *
 * @param req - incoming request whose body has not been read yet
 * @param limit - byte limit
 * @returns the parsed object, or `undefined` for a request without a body
 * @throws {@link ProblemException} `unsupportedMediaType` for a body that is not declared as UTF-8
 *   JSON, `payloadTooLarge` past the limit, `validation` for text that is not a JSON object
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<object | undefined> {
  if (!hasBody(req)) return undefined;
  assertJsonMediaType(req);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);

  const text = await readText(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ProblemException.validation([{ in: 'body', name: '', detail: `is not valid JSON (${(error as Error).message})` }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ProblemException.validation([{ in: 'body', name: '', detail: 'must be a JSON object' }]);
  }
  return value;
}

function assertJsonMediaType(req: IncomingMessage): void {
  const [essence = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim());
  if (!JSON_MEDIA_TYPE.test(essence)) {
    throw new ProblemException('unsupportedMediaType', `Expected Content-Type application/json, got "${essence || 'none'}".`);
  }
  const charset = params.find((param) => /^charset=/i.test(param))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ProblemException('unsupportedMediaType', `Expected a UTF-8 body, got charset "${charset}".`);
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new ProblemException('unsupportedMediaType', `Content-Encoding "${encoding}" is not supported.`);
  }
}

function tooLarge(limit: number): ProblemException {
  return new ProblemException('payloadTooLarge', `The body must not exceed ${limit} bytes.`);
}

function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining so that the 413 answer can still be read by the client on this socket.
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onAborted = (): void => onError(new Error('request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
