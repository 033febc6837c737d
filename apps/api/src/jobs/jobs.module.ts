import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { jsonBodyMiddleware } from '../common/http/json-body.middleware.js';
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from '../common/http/read-json-body.js';
import { JobEventHub } from './events/job-event-hub.js';
import { JobEventsController } from './job-events.controller.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

/** Jobs: creation, status reads, long-polls and the event stream. */
@Module({
  controllers: [JobsController, JobEventsController],
  providers: [JobsService, JobEventHub],
})
export class JobsModule implements NestModule {
  /** Parses JSON bodies on the two routes that take one. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyMiddleware(MAX_BODY_BYTES)).forRoutes({ path: 'create', method: RequestMethod.POST });
    consumer.apply(jsonBodyMiddleware(MAX_BATCH_BODY_BYTES)).forRoutes({ path: 'status/batch', method: RequestMethod.POST });
  }
}
