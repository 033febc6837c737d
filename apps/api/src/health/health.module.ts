import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** The readiness probe. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
