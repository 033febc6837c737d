import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApiServer } from './start-api-server.js';

/** A stand-in server: answers every request 200 with its pid, and writes the API's listening line. */
const STAND_IN = `
const http = require('node:http');
const server = http.createServer((req, res) => res.end(String(process.pid)));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
server.listen(Number(process.env.PORT), process.env.HOST, () => {
  const { port } = server.address();
  process.stdout.write(JSON.stringify({ message: 'listening', url: 'http://127.0.0.1:' + port, port }) + '\\n');
});
`;

describe('startApiServer with another entry', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'start-api-server-'));
    writeFileSync(path.join(dir, 'stand-in.cjs'), STAND_IN);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs that script in place of the built API, on a free port, and stops it', async () => {
    const server = await startApiServer({ entry: path.join(dir, 'stand-in.cjs') });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      await expect((await fetch(`${server.url}/health`)).text()).resolves.toBe(String(server.pid));
    } finally {
      await server.stop();
    }
    expect(server.running).toBe(false);
  });

  it('keeps a server run under a module-hooks loader (`--import tsx`) alive while this process lives', async () => {
    const server = await startApiServer({ entry: path.join(dir, 'stand-in.cjs'), nodeArgs: ['--import', 'tsx'] });
    try {
      expect(server.running).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('names a missing entry', async () => {
    await expect(startApiServer({ entry: path.join(dir, 'absent.cjs') })).rejects.toThrow(/absent\.cjs is missing/);
  });
});
