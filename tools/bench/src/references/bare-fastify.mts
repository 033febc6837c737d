/**
 * The throughput bench's upper bound: a bare Fastify server doing the same `Map` lookup as the
 * references, with nothing else on the request path (no framework above it, no logging, no
 * keys). What the API can approach but not beat on the same machine. `GET /health` tells the
 * bench's launcher that it is ready.
 *
 * Run by the bench: `node --import tsx tools/bench/src/references/bare-fastify.mts` with `PORT`.
 */
import type { Job } from '@heygen-mock/contracts';
import Fastify from 'fastify';
import { announce, referenceJob } from './reference-job.mjs';

const jobs = new Map<string, Job>();
const app = Fastify();

app.post('/create', async (_request, reply) => {
  const job = referenceJob();
  jobs.set(job.id, job);
  return reply.code(201).send(job);
});

app.get<{ Params: { id: string } }>('/status/:id', async (request, reply) => {
  const job = jobs.get(request.params.id);
  return job === undefined ? reply.code(404).send({ message: `No job ${request.params.id}.` }) : job;
});

app.get('/health', async () => ({ status: 'ok' }));

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
const address = app.server.address();
announce(typeof address === 'object' && address !== null ? address.port : 0);
