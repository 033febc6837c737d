import { type DynamicModule, Module } from '@nestjs/common';
import { JobEventsController } from './job-events.controller.js';
import { type JobBackendOverrides, jobBackendProviders } from './job-backends.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

/** Backends of the jobs feature: the drivers `JOB_STORE` names, unless replaced (see {@link jobBackendProviders}). */
export type JobsModuleOptions = JobBackendOverrides;

/** Jobs: creation, status reads, long-polls and the event stream. */
@Module({})
export class JobsModule {
  /**
   * @param options - replacement backends, if any
   * @returns the module, with the store, the event bus and the scheduler provided under
   *   `JOB_STORE`, `JOB_EVENT_BUS` and `JOB_SCHEDULER`
   */
  static register(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController, JobEventsController],
      providers: [JobsService, ...jobBackendProviders(options)],
      // For the readiness probe, which asks whether the job store answers.
      exports: [JobsService],
    };
  }
}
