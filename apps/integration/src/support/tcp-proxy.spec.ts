import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TcpProxy } from './tcp-proxy.js';

/** An upstream that answers `/status` as an endless stream (a comment every 20 ms) and everything else at once. */
async function startUpstream(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url === '/status') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(': open\n\n');
      const ticker = setInterval(() => response.write(': tick\n\n'), 20);
      response.on('close', () => clearInterval(ticker));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`ok ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** One request on a fresh connection (no pooling, so connection counts are exact). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (body += text));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Opens a stream and resolves once its first bytes arrived; `closed` settles when it ends. */
function openStream(url: string): Promise<{ closed: Promise<string>; request: http.ClientRequest; response: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/status`, { agent: false, headers: { Accept: 'text/event-stream' } }, (response) => {
      const closed = new Promise<string>((done) => {
        response.on('error', (error) => done(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
        response.on('aborted', () => done('aborted'));
        response.on('end', () => done('end'));
      });
      response.once('data', () => resolve({ closed, request, response }));
    });
    request.on('error', reject);
  });
}

describe('TcpProxy', () => {
  let upstream: http.Server;
  let proxy: TcpProxy;

  beforeEach(async () => {
    upstream = await startUpstream();
    proxy = await TcpProxy.start({ targetPort: (upstream.address() as AddressInfo).port });
  });

  afterEach(async () => {
    await proxy.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('forwards requests and counts connections and request kinds', async () => {
    await expect(get(`${proxy.url}/status/abc`)).resolves.toEqual({ status: 200, body: 'ok GET /status/abc' });
    await get(`${proxy.url}/health`);
    const stats = proxy.stats;
    expect(stats.connections).toBe(2);
    expect(stats.requests).toMatchObject({ status: 1, other: 1, stream: 0 });
  });

  it('cuts event streams only, leaving plain requests working', async () => {
    const stream = await openStream(proxy.url);
    expect(proxy.stats).toMatchObject({ openStreams: 1, streamConnections: 1 });
    expect(proxy.cutStreams()).toBe(1);
    await expect(stream.closed).resolves.toMatch(/aborted|error/);
    await expect(get(`${proxy.url}/status/abc`)).resolves.toMatchObject({ status: 200 });
    expect(proxy.stats).toMatchObject({ openStreams: 0, cutConnections: 1 });
  });

  it('silences a stalled stream without closing it', async () => {
    const stream = await openStream(proxy.url);
    let bytes = 0;
    stream.response.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bytes).toBeGreaterThan(0);
    expect(proxy.stallStreams()).toBe(1);
    // Let bytes already in flight land before counting silence.
    await new Promise((resolve) => setTimeout(resolve, 30));
    bytes = 0;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(bytes).toBe(0);
    expect(proxy.stats).toMatchObject({ openStreams: 1, stalledConnections: 1 });
    stream.request.destroy();
  });

  it('refuses new streams for a while, then lets them through again', async () => {
    proxy.refuseStreams(300);
    await expect(openStream(proxy.url)).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(get(`${proxy.url}/status/abc`)).resolves.toMatchObject({ status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const stream = await openStream(proxy.url);
    expect(proxy.stats).toMatchObject({ refusedStreams: 1, openStreams: 1 });
    stream.request.destroy();
  });

  it('refuses every connection while the server is unreachable', async () => {
    proxy.refuseAll(300);
    await expect(get(`${proxy.url}/health`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(get(`${proxy.url}/health`)).resolves.toMatchObject({ status: 200 });
    expect(proxy.stats.refusedConnections).toBe(1);
  });

  it('cuts every open connection on demand and on close', async () => {
    const stream = await openStream(proxy.url);
    expect(proxy.cutAll()).toBe(1);
    await expect(stream.closed).resolves.toMatch(/aborted|error/);
    const again = await openStream(proxy.url);
    await proxy.close();
    await expect(again.closed).resolves.toMatch(/aborted|error/);
    expect(proxy.stats.openConnections).toBe(0);
  });
});
