/* global window, document */
/**
 * Page script of the browser scenario: loads the client's browser build, creates jobs through
 * the API given in `?api=` (another origin, so CORS applies) and reports what it saw on
 * `window.__results` for the test to assert on.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- a URL the test's static server answers with the client's browser build
import { HeyGenAPI, HeyGenStatusListenerMode } from '/client.js';

const api = new URL(window.location.href).searchParams.get('api');
const results = { ready: false, created: 0, switches: [], requests: { create: 0, status: 0, batch: 0, stream: 0 }, errors: [] };
window.__results = results;

const log = (line) => {
  document.getElementById('log').textContent += `${new Date().toISOString()} ${line}\n`;
};

const client = new HeyGenAPI({ url: api, mode: HeyGenStatusListenerMode.AUTO, logging: false });
client.on('transport', ({ from, to, reason }) => {
  results.switches.push({ at: Date.now(), from, to, reason });
  log(`transport ${from} -> ${to} (${reason})`);
});
client.on('request', ({ kind }) => {
  results.requests[kind] = (results.requests[kind] ?? 0) + 1;
});

/**
 * Creates `count` jobs lasting `durationMs`, waits for each, and resolves with one record per
 * job: its final status, the transport that delivered it and the notification latency.
 */
window.runJobs = async (count, durationMs) => {
  const jobs = [];
  for (let i = 0; i < count; i += 1) {
    jobs.push(await client.createJob({ durationMs }));
    results.created += 1;
  }
  log(`created ${jobs.map((job) => job.id.slice(0, 8)).join(' ')}`);
  return Promise.all(
    jobs.map(async (job) => {
      try {
        const done = await client.waitForJob(job.id, { timeoutMs: 30000 });
        const notifiedAt = Date.now();
        log(`job ${job.id.slice(0, 8)} ${done.status} via ${client.transport}`);
        return { id: job.id, status: done.status, transport: client.transport, latencyMs: notifiedAt - Date.parse(done.completedAt) };
      } catch (error) {
        results.errors.push(String(error));
        return { id: job.id, status: 'rejected', error: `${error.name}: ${error.message}` };
      }
    }),
  );
};

window.currentTransport = () => client.transport;
results.ready = true;
log(`client ready against ${api}`);
