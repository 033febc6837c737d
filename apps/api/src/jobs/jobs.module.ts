import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import { JOB_EVENT_BUS, type JobEventBus } from './events/job-event-bus.js';
import { JobEventsController } from './job-events.controller.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { InMemoryJobScheduler } from './scheduling/in-memory-job-scheduler.js';
import { JOB_SCHEDULER, type JobScheduler } from './scheduling/job-scheduler.js';
import type { JobStore } from './storage/job-store.js';
import { jobStoreProvider } from './storage/job-store.provider.js';

/** Backends of the jobs feature; the store follows `JOB_STORE`, the others are in-memory. */
export interface JobsModuleOptions {
  /** Where jobs are kept. @default the driver `JOB_STORE` names (see {@link jobStoreProvider}) */
  readonly jobStore?: JobStore;
  /** How job events are numbered, logged and delivered. @default an {@link InMemoryJobEventBus} */
  readonly jobEventBus?: JobEventBus;
  /** When the steps of the simulation run. @default an {@link InMemoryJobScheduler} */
  readonly jobScheduler?: JobScheduler;
}

function provide<T>(token: symbol, value: T | undefined, fallback: new (...args: never[]) => T): Provider {
  return value === undefined ? { provide: token, useClass: fallback } : { provide: token, useValue: value };
}

/** Jobs: creation, status reads, long-polls and the event stream. */
@Module({})
export class JobsModule {
  /**
   * @param options - replacement backends, if any
   * @returns the module, with the store, the event bus and the scheduler provided under
   *   {@link JOB_STORE}, {@link JOB_EVENT_BUS} and {@link JOB_SCHEDULER}
   */
  static register(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController, JobEventsController],
      providers: [
        JobsService,
        jobStoreProvider(options.jobStore),
        provide(JOB_EVENT_BUS, options.jobEventBus, InMemoryJobEventBus),
        provide(JOB_SCHEDULER, options.jobScheduler, InMemoryJobScheduler),
      ],
    };
  }
}
