import { createParamDecorator, type ExecutionContext, type Type } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { httpRequestOf } from '../http/http-request.js';
import { ApiValidationPipe } from './api-validation.pipe.js';

const pipe = new ApiValidationPipe();

/**
 * The value of a {@link ValidQuery} parameter: the request's query validated and transformed
 * into `dto`. Exported so that a test can tell these parameters from others.
 *
 * @param dto - the query's class
 * @param context - the request being handled
 * @returns the query as a `dto`, at once when it is empty and `dto` accepts that
 * @throws {@link ProblemException} `validation` (as a rejection) listing every fault
 */
export function validQueryOf(dto: Type<object>, context: ExecutionContext): object | Promise<object> {
  return pipe.transformQuery(httpRequestOf(context).query, dto);
}

const ValidQueryValue = createParamDecorator(validQueryOf);

/**
 * `@Query()` validated by {@link ApiValidationPipe}'s rules and documented from `dto`'s
 * properties, as `@Query(ApiValidationPipe) query: Dto` would be. The difference is the cost: a
 * pipe puts its parameter through Nest's chain of promises on every request, while a query that
 * is empty (most reads) is answered here without one. A query with content goes through the
 * pipe itself.
 *
 * @param dto - the query's class, with class-validator and Swagger decorators
 * @returns the parameter decorator
 * @example
 * ```ts
 * status(@ValidQuery(JobStatusQueryDto) query: JobStatusQueryDto) { … }
 * ```
 */
export function ValidQuery(dto: Type<object>): ParameterDecorator {
  return (target, method, index) => {
    ValidQueryValue(dto)(target, method, index);
    if (method !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, method);
      if (descriptor !== undefined) ApiQuery({ type: dto, required: false })(target, method, descriptor);
    }
  };
}
