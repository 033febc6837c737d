/**
 * Public surface of the API application for the workspace's end-to-end tests, tools and
 * benchmarks: build the server in-process, read its configuration, produce its OpenAPI document.
 */
import 'reflect-metadata';

export { createApp } from './create-app.js';
export type { CreateAppOptions } from './create-app.js';
export type { AppModuleOptions } from './app.module.js';
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
