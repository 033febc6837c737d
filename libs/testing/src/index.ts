/**
 * Test support for the workspace's tests, end-to-end scenarios, demo and benchmarks: one way
 * to start the built API, one way to start a real Redis, one counting and cutting TCP proxy,
 * one exit guard, one wait for a condition. Production code never imports it (module-boundary
 * lint rule, tag `type:testing`).
 */
export { startApiServer } from './server/start-api-server.js';
export type { ApiServer, ApiServerOptions } from './server/start-api-server.js';
export { parseListeningPort } from './server/listening-line.js';
export { startRedisServer } from './redis/redis-server.js';
export type { RedisServer, RedisServerOptions } from './redis/redis-server.js';
export { redisCommand } from './redis/redis-command.js';
export type { RedisCommandOptions } from './redis/redis-command.js';
export type { RespReply } from './redis/resp.js';
export { TcpProxy } from './proxy/tcp-proxy.js';
export type { TcpProxyOptions } from './proxy/tcp-proxy.js';
export type { TcpProxyStats } from './proxy/tcp-proxy-stats.js';
export type { UpstreamTargetOptions } from './proxy/upstream-targets.js';
export { classifyRequest, REQUEST_KINDS, RequestLineScanner, STATUS_KINDS } from './proxy/request-kind.js';
export type { RequestKind, RequestLine } from './proxy/request-kind.js';
export { onProcessEnd } from './process/exit-guard.js';
export { signalProcessGroup, stopProcessGroup } from './process/process-group.js';
export { waitFor } from './wait/wait-for.js';
export type { WaitForOptions } from './wait/wait-for.js';
export { createJobDirect, newCallerKey, waitForJobsToEnd } from './api/direct-calls.js';
export { API_MAIN, WORKSPACE_ROOT } from './paths.js';
