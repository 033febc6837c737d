import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createJobDirect, newCallerKey } from '../api/direct-calls.js';
import { startApiServer, type ApiServer } from './start-api-server.js';

/** Whether a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function jobTimeOf(server: ApiServer): Promise<number> {
  const job = await createJobDirect(server.url, newCallerKey());
  return Date.parse(job.expectedCompletionAt) - Date.parse(job.createdAt);
}

describe('startApiServer against the built API', () => {
  const started: ApiServer[] = [];
  const start = async (...args: Parameters<typeof startApiServer>): Promise<ApiServer> => {
    const server = await startApiServer(...args);
    started.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  it('starts the server on a free port of 127.0.0.1 with the settings given, ready to answer', async () => {
    const server = await start({ env: { JOB_TIME: '1234' } });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.running).toBe(true);
    expect(server.env).toEqual({ JOB_TIME: '1234', SQLITE_PATH: expect.stringMatching(/heygen-api-.+[/\\]jobs\.sqlite$/) });
    await expect(jobTimeOf(server)).resolves.toBe(1234);
    expect(server.logs.some((line) => line.includes('"message":"listening"'))).toBe(true);
  });

  it('comes back after a SIGKILL on the same URL with the same settings, as a new process', async () => {
    const server = await start({ env: { JOB_TIME: '1500' } });
    const { url, pid } = server;
    await server.kill('SIGKILL');
    expect(server.running).toBe(false);
    expect(alive(pid)).toBe(false);
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    await server.restart();
    expect(server.url).toBe(url);
    expect(server.pid).not.toBe(pid);
    await expect(jobTimeOf(server)).resolves.toBe(1500);
  });

  it('keeps the jobs in a SQLite file of its own across a restart, and deletes it on stop', async () => {
    const server = await start();
    const file = server.env['SQLITE_PATH'] ?? '';
    const key = newCallerKey();
    const job = await createJobDirect(server.url, key);
    await server.kill('SIGKILL');
    await server.restart();
    const read = await fetch(`${server.url}/status/${job.id}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(read.status).toBe(200);
    await read.arrayBuffer();
    await server.stop();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('runs several instances side by side, each stopped on its own', async () => {
    const [first, second] = await Promise.all([start({ env: { JOB_TIME: '1000' } }), start({ env: { JOB_TIME: '2000' } })]);
    expect(first?.port).not.toBe(second?.port);
    await first?.stop();
    expect(alive(first?.pid ?? -1)).toBe(false);
    expect(second?.running).toBe(true);
    await expect(jobTimeOf(second as ApiServer)).resolves.toBe(2000);
  });

  it('fails with what the server said when it cannot start', async () => {
    await expect(startApiServer({ env: { JOB_TIME: 'soon' } })).rejects.toThrow(/exited before it was ready[\s\S]*JOB_TIME/);
  });
});
