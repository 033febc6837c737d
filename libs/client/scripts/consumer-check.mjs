/**
 * What a consumer of the packed package can do against the running API (server started with
 * JOB_TIME=10500). Run by pack-check from an empty folder where only the tarball is installed:
 * `node consumer-check.mjs <api url>`. Prints the figures it measures; exits non-zero when a
 * check fails.
 */
import { createServer, connect } from 'node:net';
// eslint-disable-next-line @nx/enforce-module-boundaries -- runs in an empty folder where only the packed tarball is installed
import { HeyGenAPI, HeyGenStatusListenerMode, isHeyGenError } from '@heygen-mock/client';

const url = process.argv[2];
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// 1. Create jobs and wait for them in every mode.
for (const mode of Object.values(HeyGenStatusListenerMode)) {
  const client = new HeyGenAPI({ url, mode });
  const jobs = await Promise.all([client.createJob({ durationMs: 300 }), client.createJob({ durationMs: 500 })]);
  const done = await Promise.all(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
  check(done.every((job) => job.status == 'completed'), `${mode}: ${done.length} jobs completed over ${client.transport}`);
  client.dispose();
}

// 2. SSE learns of each completion within a few milliseconds of the server finishing it.
{
  const client = new HeyGenAPI({ url, mode: 'SSE' });
  const lags = [];
  client.on('job', (job) => job.completedAt && lags.push(Date.now() - Date.parse(job.completedAt)));
  const jobs = await Promise.all([400, 600, 800, 1000, 1200].map((durationMs) => client.createJob({ durationMs })));
  await Promise.all(jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 })));
  lags.sort((a, b) => a - b);
  console.log(`     SSE completion lag (client clock − server completedAt), ms: ${lags.join(', ')}`);
  check(lags.length == 5 && lags[2] <= 50, `SSE: median completion lag ${lags[2]} ms`);
  client.dispose();
}

// 3. No completion lost or duplicated when the connection is cut as the jobs complete: the
//    stream goes through a TCP proxy whose connections are destroyed at that moment.
{
  const target = new URL(url);
  const sockets = new Set();
  const proxy = createServer((downstream) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const client = new HeyGenAPI({ url: `http://127.0.0.1:${proxy.address().port}`, mode: 'SSE', reconnectMinMs: 500, reconnectMaxMs: 500 });
  const terminal = new Map();
  const jobs = await Promise.all([0, 1, 2, 3, 4].map(() => client.createJob({ durationMs: 800 })));
  for (const job of jobs) {
    client.listen(job.id, (state) => state.status != 'pending' && terminal.set(job.id, (terminal.get(job.id) ?? 0) + 1));
  }
  const waits = jobs.map((job) => client.waitForJob(job.id, { timeoutMs: 10_000 }));
  await sleep(Date.parse(jobs[0].expectedCompletionAt) - Date.now() - 20);
  for (const socket of sockets) socket.destroy();
  await Promise.all(waits);
  await sleep(500);
  const counts = jobs.map((job) => terminal.get(job.id));
  check(counts.every((n) => n == 1), `cut at completion: terminal deliveries per job ${counts.join(',')}, reconnects ${client.stats.reconnects}`);
  client.dispose();
  proxy.close();
}

// 4. POLL with JOB_TIME=10500 spends at most 3 status requests per job.
{
  const client = new HeyGenAPI({ url, mode: 'POLL' });
  const reads = new Map();
  client.on('request', ({ kind, ids }) => kind != 'create' && ids.forEach((id) => reads.set(id, (reads.get(id) ?? 0) + 1)));
  const waits = [];
  for (let i = 0; i < 5; i++) {
    const job = await client.createJob();
    waits.push(client.waitForJob(job.id, { timeoutMs: 20_000 }));
    await sleep(400);
  }
  const done = await Promise.all(waits);
  const counts = done.map((job) => reads.get(job.id));
  check(done.every((job) => job.status == 'completed') && counts.every((n) => n <= 3), `POLL, JOB_TIME=10500: status requests per job ${counts.join(',')} (${client.stats.statusRequests} requests for ${done.length} jobs)`);
  client.dispose();
}

// 5. Errors are typed across module copies.
{
  const client = new HeyGenAPI({ url, mode: 'POLL' });
  const error = await client.waitForJob(crypto.randomUUID()).catch((e) => e);
  check(isHeyGenError(error, 'ERR_JOB_NOT_FOUND'), `unknown job: ${error.name} ${error.code}`);
  client.dispose();
}

if (failures.length) process.exit(1);
