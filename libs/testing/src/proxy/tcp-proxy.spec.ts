import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { waitFor } from '../wait/wait-for.js';
import { TcpProxy } from './tcp-proxy.js';

const TICK = ': tick\n\n';

/** An upstream that answers `/status` as an endless stream (a comment every 10 ms) and everything else at once. */
async function startUpstream(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url === '/status') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(': open\n\n');
      const ticker = setInterval(() => response.write(TICK), 10);
      response.on('close', () => clearInterval(ticker));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`ok ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** One request; on a fresh connection unless an agent is given, so connection counts are exact. */
function get(url: string, agent: http.Agent | false = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (body += text));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

interface OpenStream {
  /** Settles when the stream ends, with how it ended. */
  readonly closed: Promise<string>;
  readonly request: http.ClientRequest;
  /** Bytes received so far. */
  received(): number;
}

/** Opens a stream and resolves once its first bytes arrived. */
function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/status`, { agent: false, headers: { Accept: 'text/event-stream' } }, (response) => {
      let bytes = 0;
      const closed = new Promise<string>((done) => {
        response.on('error', (error) => done(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
        response.on('aborted', () => done('aborted'));
        response.on('end', () => done('end'));
        response.on('close', () => done('closed'));
      });
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.once('data', () => resolve({ closed, request, received: () => bytes }));
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

  it('forwards requests and counts connections, request kinds and bytes both ways', async () => {
    await expect(get(`${proxy.url}/status/abc`)).resolves.toEqual({ status: 200, body: 'ok GET /status/abc' });
    await get(`${proxy.url}/health`);
    const stats = proxy.stats;
    expect(stats.connections).toBe(2);
    expect(stats.requests).toMatchObject({ status: 1, health: 1, stream: 0, other: 0 });
    expect(stats.bytesUp).toBeGreaterThan('GET /status/abc HTTP/1.1\r\n'.length);
    expect(stats.bytesDown).toBeGreaterThan('ok GET /status/abc'.length);
  });

  it('counts every request of a keep-alive connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await get(`${proxy.url}/status/a`, agent);
      await get(`${proxy.url}/status/b?waitMs=100`, agent);
      await get(`${proxy.url}/status/c`, agent);
    } finally {
      agent.destroy();
    }
    expect(proxy.stats.connections).toBe(1);
    expect(proxy.stats.requests).toMatchObject({ status: 2, 'long-poll': 1 });
  });

  it('cuts event streams only, leaving plain requests working', async () => {
    const stream = await openStream(proxy.url);
    expect(proxy.stats).toMatchObject({ openStreams: 1, streamConnections: 1 });
    expect(proxy.cutStreams()).toBe(1);
    await expect(stream.closed).resolves.toMatch(/aborted|error|closed/);
    await expect(get(`${proxy.url}/status/abc`)).resolves.toMatchObject({ status: 200 });
    await waitFor(() => proxy.stats.openStreams === 0, { what: 'the cut stream to be released' });
    expect(proxy.stats.cutConnections).toBe(1);
  });

  it('silences a stalled stream: what the server sends after the stall is dropped, never forwarded', async () => {
    const stream = await openStream(proxy.url);
    expect(proxy.stallStreams()).toBe(1);
    const forwardedBeforeStall = proxy.stats.bytesDown;
    // The server goes on writing: three ticks arrive at the proxy and are dropped there.
    await waitFor(() => proxy.stats.droppedBytes >= 3 * TICK.length, { what: 'ticks sent after the stall' });
    expect(proxy.stats).toMatchObject({ openStreams: 1, stalledConnections: 1, bytesDown: forwardedBeforeStall });

    // End the client, then count: it received nothing the proxy had not forwarded before the stall.
    stream.request.destroy();
    await stream.closed;
    expect(stream.received()).toBeGreaterThan(0);
    expect(stream.received()).toBeLessThanOrEqual(forwardedBeforeStall);
  });

  it('refuses new streams until healed, and lets plain requests through meanwhile', async () => {
    proxy.refuseStreams();
    await expect(openStream(proxy.url)).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(get(`${proxy.url}/status/abc`)).resolves.toMatchObject({ status: 200 });
    proxy.heal();
    const stream = await openStream(proxy.url);
    expect(proxy.stats).toMatchObject({ refusedStreams: 1, openStreams: 1 });
    stream.request.destroy();
  });

  it('refuses every connection until healed: the server is unreachable', async () => {
    proxy.refuseAll();
    await expect(get(`${proxy.url}/health`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    proxy.heal();
    await expect(get(`${proxy.url}/health`)).resolves.toMatchObject({ status: 200 });
    expect(proxy.stats.refusedConnections).toBe(1);
  });

  it('ends a refusal given a duration by itself once that time has passed', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    proxy.refuseStreams(300);
    proxy.refuseAll(300);
    clock.mockReturnValue(now + 299);
    await expect(get(`${proxy.url}/health`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    clock.mockReturnValue(now + 300);
    const stream = await openStream(proxy.url);
    expect(proxy.stats).toMatchObject({ refusedConnections: 1, refusedStreams: 0, openStreams: 1 });
    stream.request.destroy();
  });

  it('cuts every open connection on demand and on close', async () => {
    const stream = await openStream(proxy.url);
    expect(proxy.cutAll()).toBe(1);
    await expect(stream.closed).resolves.toMatch(/aborted|error|closed/);
    const again = await openStream(proxy.url);
    await proxy.close();
    await expect(again.closed).resolves.toMatch(/aborted|error|closed/);
    expect(proxy.stats.openConnections).toBe(0);
  });
});

/** A TCP server that writes its name to every connection and hangs up: which target answered. */
async function startNamedServer(name: string): Promise<net.Server> {
  const server = net.createServer((socket) => socket.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Connects to `port` and resolves with everything received before the end, or the error code. */
function receive(port: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('end', () => resolve(text));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
  });
}

const portOf = (server: net.Server): number => (server.address() as AddressInfo).port;

describe('TcpProxy in front of several targets', () => {
  let servers: net.Server[];
  let proxy: TcpProxy | undefined;

  beforeEach(async () => {
    servers = await Promise.all(['a', 'b', 'c'].map(startNamedServer));
  });

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await Promise.all(servers.filter((server) => server.listening).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** Connects `count` times, one connection after the other, and lists who answered. */
  async function answers(count: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < count; i += 1) seen.push(await receive((proxy as TcpProxy).port));
    return seen;
  }

  it('sends each new connection to the next target in turn', async () => {
    proxy = await TcpProxy.start({ targetPorts: servers.map(portOf) });
    await expect(answers(6)).resolves.toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(proxy.stats).toMatchObject({ connections: 6, targetConnections: [2, 2, 2], targetFailures: 0, unreachableConnections: 0 });
  });

  it('skips a target that refuses connections (its instance is down) and tries the next one for the same connection', async () => {
    const ports = servers.map(portOf);
    const dead = servers[1] as net.Server;
    await new Promise((resolve) => dead.close(resolve));
    proxy = await TcpProxy.start({ targetPorts: ports });
    await expect(answers(4)).resolves.toEqual(['a', 'c', 'a', 'c']);
    expect(proxy.stats).toMatchObject({ connections: 4, targetConnections: [2, 0, 2], targetFailures: 2, unreachableConnections: 0 });
  });

  it('resets the client when no target can be reached', async () => {
    const ports = servers.map(portOf);
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    proxy = await TcpProxy.start({ targetPorts: ports });
    await expect(receive(proxy.port)).resolves.toBe('error ECONNRESET');
    await waitFor(() => proxy?.stats.openConnections === 0, { what: 'the unreachable connection to be released' });
    expect(proxy.stats).toMatchObject({ connections: 1, targetFailures: 3, unreachableConnections: 1, targetConnections: [0, 0, 0] });
  });

  it('still cuts connections made through any target', async () => {
    // Reads and answers nothing: the connection stays open until cut.
    const holding = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => holding.listen(0, '127.0.0.1', resolve));
    servers.push(holding);
    proxy = await TcpProxy.start({ targetPorts: [portOf(holding), portOf(servers[0] as net.Server)] });
    const held = receive(proxy.port);
    await waitFor(() => proxy?.stats.targetConnections[0] === 1, { what: 'the held connection to reach its target' });
    expect(proxy.cutAll()).toBe(1);
    await expect(held).resolves.toBe('error ECONNRESET');
    await expect(receive(proxy.port)).resolves.toBe('a');
  });

  it('tells which target holds each open event stream, until the stream ends', async () => {
    const upstreams = await Promise.all([startUpstream(), startUpstream()]);
    try {
      proxy = await TcpProxy.start({ targetPorts: upstreams.map(portOf) });
      await get(`${proxy.url}/health`);
      const stream = await openStream(proxy.url);
      // The plain request went to the first target, the stream to the second.
      expect(proxy.stats).toMatchObject({ targetConnections: [1, 1], targetOpenStreams: [0, 1] });
      stream.request.destroy();
      await stream.closed;
      await waitFor(() => proxy?.stats.openStreams === 0, { what: 'the ended stream to be released' });
      expect(proxy.stats.targetOpenStreams).toEqual([0, 0]);
    } finally {
      await proxy?.close();
      proxy = undefined;
      for (const upstream of upstreams) upstream.closeAllConnections();
      await Promise.all(upstreams.map((upstream) => new Promise((resolve) => upstream.close(resolve))));
    }
  });

  it('rejects options that name no target or both kinds, naming the option', async () => {
    await expect(TcpProxy.start({ targetPorts: [] })).rejects.toThrow('`targetPorts`');
    // @ts-expect-error -- exactly one of `targetPort` and `targetPorts`
    await expect(TcpProxy.start({ targetPort: portOf(servers[0] as net.Server), targetPorts: [1] })).rejects.toThrow(TypeError);
  });
});
