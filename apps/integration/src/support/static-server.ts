import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the static server answers with, by URL path. */
export interface StaticFile {
  /** Absolute path on disk, read on every request so a rebuilt bundle is served as it is. */
  readonly file: string;
  readonly contentType: string;
}

/** A running static server. */
export interface StaticServer {
  /** Base URL as a page sees it, e.g. `http://localhost:41234`. */
  readonly url: string;
  /** Requests answered so far, by path. */
  readonly hits: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/**
 * Serves a fixed set of files from 127.0.0.1 on a free port, on an origin of its own so the
 * page it serves calls the API cross-origin and CORS is exercised for real.
 *
 * @param routes - URL path → file
 * @returns the running server
 * @example
 * const site = await startStaticServer({ '/': { file: '/abs/index.html', contentType: 'text/html' } });
 */
export async function startStaticServer(routes: Readonly<Record<string, StaticFile>>): Promise<StaticServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (request.method !== 'GET' || route === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    hits.set(path, (hits.get(path) ?? 0) + 1);
    readFile(route.file).then(
      (body) => response.writeHead(200, { 'Content-Type': route.contentType, 'Cache-Control': 'no-store' }).end(body),
      (error: unknown) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
