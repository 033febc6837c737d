/**
 * Public surface of the API application for the workspace's end-to-end tests, tools and
 * benchmarks: build the server in-process (optionally over another job store or event bus), read
 * its configuration, produce its OpenAPI document.
 */
import 'reflect-metadata';

export { createApp } from './create-app.js';
export type { CreateAppOptions } from './create-app.js';
export type { AppModuleOptions } from './app.module.js';
export type { JobsModuleOptions } from './jobs/jobs.module.js';
export { JOB_STORE } from './jobs/storage/job-store.js';
export type { JobStore } from './jobs/storage/job-store.js';
export { InMemoryJobStore } from './jobs/storage/in-memory-job-store.js';
export type { JobRecord } from './jobs/job-record.js';
export { JOB_EVENT_BUS } from './jobs/events/job-event-bus.js';
export type { JobEventBus, SubscriptionStart } from './jobs/events/job-event-bus.js';
export type { JobEvent, JobEventSubscriber } from './jobs/events/job-event.js';
export { InMemoryJobEventBus } from './jobs/events/in-memory-job-event-bus.js';
export type { Awaitable } from './common/async/awaitable.js';
export { API_CONFIG, DEFAULT_API_CONFIG, LOG_LEVELS } from './config/api-config.js';
export type { ApiConfig, LogLevelName } from './config/api-config.js';
export { loadConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export { systemClock } from './common/time/clock.js';
export type { Clock, TimerHandle } from './common/time/clock.js';
export type { RandomSource } from './common/time/random.js';
export { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES } from './common/problems/problem-types.js';
export type { ProblemKind } from './common/problems/problem-types.js';
export { API_VERSION, buildOpenApiDocument } from './openapi/openapi-document.js';
export { GENERATED_NOTE, generateOpenApiJson } from './openapi/generate-openapi.js';
