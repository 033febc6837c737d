import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, type Provider, RequestMethod } from '@nestjs/common';
import { jsonBodyMiddleware } from '../common/http/json-body.middleware.js';
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from '../common/http/read-json-body.js';
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
export class JobsModule implements NestModule {
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

  /** Parses JSON bodies on the two routes that take one. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyMiddleware(MAX_BODY_BYTES)).forRoutes({ path: 'create', method: RequestMethod.POST });
    consumer.apply(jsonBodyMiddleware(MAX_BATCH_BODY_BYTES)).forRoutes({ path: 'status/batch', method: RequestMethod.POST });
  }
}
