import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { httpRequestOf } from '../http/http-request.js';
import { callerIdOf } from './caller-identity.js';

/**
 * Injects the identity of the authenticated caller (the hash of its key) into a handler
 * parameter. Only meaningful behind {@link BearerAuthGuard}.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const callerId = callerIdOf(httpRequestOf(context));
  if (callerId === undefined) throw new Error('@Caller() used on a route without BearerAuthGuard');
  return callerId;
});
