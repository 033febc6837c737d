import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { ApiValidationPipe } from './api-validation.pipe.js';
import { validQueryOf } from './valid-query.decorator.js';

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes: readonly unknown[];
  /** Set on custom parameter decorators such as `@ValidQuery()`. */
  readonly factory?: unknown;
}

// Validation is declared per parameter rather than as a global pipe, which would put every
// parameter (the caller, the job id) through an asynchronous pipe chain on every request. This
// test is what keeps a new DTO parameter from going without it.
describe('validation of route parameters', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('validates every body, query and whole-object parameter of every controller', () => {
    const controllers = [...server.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type));
    const checked: string[] = [];
    const unvalidated: string[] = [];
    for (const controller of controllers) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        for (const [key, argument] of Object.entries(args)) {
          const name = `${controller.name}.${method}, argument ${argument.index}`;
          if (argument.factory === validQueryOf) {
            checked.push(name);
            continue;
          }
          const type = Number(key.split(':')[0]);
          const wholeObject = (type === RouteParamtypes.PARAM || type === RouteParamtypes.HEADERS) && argument.data === undefined;
          if (type !== RouteParamtypes.BODY && type !== RouteParamtypes.QUERY && !wholeObject) continue;
          checked.push(name);
          // A query is read with @ValidQuery(); a body through the pipe.
          if (type === RouteParamtypes.QUERY || !argument.pipes.includes(ApiValidationPipe)) unvalidated.push(name);
        }
      }
    }
    // The four DTO parameters of today: create, read, batch read, event stream.
    expect(checked.length).toBeGreaterThanOrEqual(4);
    expect(unvalidated).toEqual([]);
  });

  const json = { 'Content-Type': 'application/json' };
  it.each<[string, string, RequestInit]>([
    ['body of POST /create', '/create', { method: 'POST', headers: json, body: '{"unknown":1}' }],
    ['query of GET /status/{id}', '/status/00000000-0000-4000-8000-000000000000?unknown=1', {}],
    ['body of POST /status/batch', '/status/batch', { method: 'POST', headers: json, body: '{"ids":[],"unknown":1}' }],
    ['query of GET /status', '/status?unknown=1', {}],
  ])('refuses an unknown property in the %s', async (_where, path, init) => {
    const res = await server.request(path, init);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'urn:heygen-mock:problem:validation' });
  });
});
