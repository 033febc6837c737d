import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { startApiServer, type ApiServer } from '@heygen-mock/testing';

/**
 * A Node process that only used the client (the built package, as published) must exit by
 * itself: no timer, socket or listener may be left behind.
 */
let api: ApiServer;

beforeAll(async () => {
  api = await startApiServer({ env: { JOB_TIME: '300', HEARTBEAT_MS: '500' } });
});
afterAll(() => api?.stop());

const dist = resolve(__dirname, '../dist/index.mjs');

/** Runs an ES module script in a fresh Node process; it must exit within 10 s. */
function run(script: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', `import { HeyGenAPI } from ${JSON.stringify(dist)};\nconst url = ${JSON.stringify(api.url)};\n${script}`],
      { timeout: 10_000 },
      (error, stdout) => (error && error.killed ? fail(new Error('the process did not exit by itself')) : done({ code: child.exitCode, stdout })),
    );
  });
}

it('exits after dispose, with pending waits rejected', async () => {
  const { code, stdout } = await run(`
    const client = new HeyGenAPI({ url, heartbeatTimeoutMs: 60000 });
    const first = await client.createJob();
    console.log((await client.waitForJob(first.id)).status);
    const second = await client.createJob({ durationMs: 60000 });
    const pending = client.waitForJob(second.id, { timeoutMs: 60000 }).catch((e) => e.code);
    await new Promise((r) => setTimeout(r, 200));
    client.dispose();
    console.log(await pending, client.transport);
  `);
  expect(stdout.split('\n')).toEqual(['completed', 'ERR_DISPOSED SSE', '']);
  expect(code).toBe(0);
});

it.each(['SSE', 'POLL', 'LONG_POLL'])('exits once its jobs are done in %s mode, even without dispose', async (mode) => {
  const { code, stdout } = await run(`
    const client = new HeyGenAPI({ url, mode: '${mode}' });
    const jobs = await Promise.all([client.createJob(), client.createJob()]);
    const done = await Promise.all(jobs.map((job) => client.waitForJob(job.id)));
    console.log(done.map((job) => job.status).join());
  `);
  expect(stdout).toBe('completed,completed\n');
  expect(code).toBe(0);
});
