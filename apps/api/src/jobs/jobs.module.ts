import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { InMemoryJobEventBus } from './events/in-memory-job-event-bus.js';
import { JOB_EVENT_BUS, type JobEventBus } from './events/job-event-bus.js';
import { JobEventsController } from './job-events.controller.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { InMemoryJobStore } from './storage/in-memory-job-store.js';
import { JOB_STORE, type JobStore } from './storage/job-store.js';

/** Backends of the jobs feature; each defaults to its in-memory implementation. */
export interface JobsModuleOptions {
  /** Where jobs are kept. @default an {@link InMemoryJobStore} */
  readonly jobStore?: JobStore;
  /** How job events are numbered, logged and delivered. @default an {@link InMemoryJobEventBus} */
  readonly jobEventBus?: JobEventBus;
}

/** Jobs: creation, status reads, long-polls and the event stream. */
@Module({})
export class JobsModule {
  /**
   * @param options - replacement backends, if any
   * @returns the module, with the store and the event bus provided under {@link JOB_STORE} and
   *   {@link JOB_EVENT_BUS}
   */
  static register(options: JobsModuleOptions = {}): DynamicModule {
    const store: Provider =
      options.jobStore === undefined ? { provide: JOB_STORE, useClass: InMemoryJobStore } : { provide: JOB_STORE, useValue: options.jobStore };
    const bus: Provider =
      options.jobEventBus === undefined
        ? { provide: JOB_EVENT_BUS, useClass: InMemoryJobEventBus }
        : { provide: JOB_EVENT_BUS, useValue: options.jobEventBus };
    return {
      module: JobsModule,
      controllers: [JobsController, JobEventsController],
      providers: [JobsService, store, bus],
    };
  }
}
