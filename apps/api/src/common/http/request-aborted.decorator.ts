import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Injects an `AbortSignal` that fires when the client goes away before the response is complete,
 * so that a held request (long-poll) stops waiting and releases what it holds.
 */
export const RequestAborted = createParamDecorator((_data: unknown, context: ExecutionContext): AbortSignal => {
  const res = context.switchToHttp().getResponse<Response>();
  const controller = new AbortController();
  // `close` on the response fires both after a normal finish and on a dropped connection.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
});
