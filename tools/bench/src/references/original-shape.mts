/**
 * The throughput bench's yardstick with the original server's shape: NestJS on Express, one
 * controller, jobs in a `Map`, and a log line for every request through Nest's `Logger`, as the
 * original wrote one. It answers `POST /create` and `GET /status/:id`, and `GET /health` (not
 * logged) for the bench's launcher, and nothing else: no keys, no validation, no problem documents.
 *
 * Run by the bench: `TSX_TSCONFIG_PATH=tools/bench/src/references/tsconfig.json node --import tsx
 * tools/bench/src/references/original-shape.mts` with `PORT` (0 for a free one).
 */
import 'reflect-metadata';
import type { Job } from '@heygen-mock/contracts';
import { Controller, Get, HttpCode, Logger, Module, NotFoundException, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { announce, referenceJob } from './reference-job.mjs';

const jobs = new Map<string, Job>();

@Controller()
class JobsController {
  private readonly logger = new Logger('JobsController');

  @Post('create')
  @HttpCode(201)
  create(): Job {
    const job = referenceJob();
    jobs.set(job.id, job);
    this.logger.log(`created job ${job.id}`);
    return job;
  }

  @Get('status/:id')
  status(@Param('id') id: string): Job {
    this.logger.log(`status of job ${id}`);
    const job = jobs.get(id);
    if (job === undefined) throw new NotFoundException(`No job ${id}.`);
    return job;
  }

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [JobsController] })
class ReferenceModule {}

const app = await NestFactory.create<NestExpressApplication>(ReferenceModule);
app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
announce((app.getHttpServer().address() as AddressInfo).port);
