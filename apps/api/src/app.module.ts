import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { API_CONFIG, type ApiConfig } from './config/api-config.js';
import { ConnectionDrainer } from './common/http/connection-drainer.js';
import { ProblemFilter } from './common/problems/problem.filter.js';
import { CLOCK, type Clock, systemClock } from './common/time/clock.js';
import { RANDOM, type RandomSource } from './common/time/random.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule, type JobsModuleOptions } from './jobs/jobs.module.js';

/**
 * What the application is built from; everything but the configuration has a default. The job
 * store and event bus default to in-memory ones (see {@link JobsModuleOptions}).
 */
export interface AppModuleOptions extends JobsModuleOptions {
  /** The validated configuration. */
  readonly config: ApiConfig;
  /** Time source and timers. @default the system clock */
  readonly clock?: Clock;
  /** Uniform random numbers. @default Math.random */
  readonly random?: RandomSource;
}

/**
 * Root module. Configuration, clock and random source are global providers so that feature
 * modules inject them; errors are mapped by an application-wide filter. Validation is declared on
 * each DTO parameter (`@Body(ApiValidationPipe)`, `@ValidQuery(Dto)`), so that parameters without
 * a DTO (the caller, the job id) skip the pipe chain; `route-validation.spec.ts` fails for a DTO
 * parameter without it.
 */
@Module({})
export class AppModule {
  /**
   * @param options - configuration and injectable collaborators
   * @returns the root module
   */
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [JobsModule.register(options), HealthModule],
      providers: [
        { provide: API_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RANDOM, useValue: options.random ?? Math.random },
        { provide: APP_FILTER, useClass: ProblemFilter },
        ConnectionDrainer,
      ],
      exports: [API_CONFIG, CLOCK, RANDOM, JobsModule],
    };
  }
}
