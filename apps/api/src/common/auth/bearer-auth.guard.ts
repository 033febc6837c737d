import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { httpRequestOf } from '../http/http-request.js';
import { ProblemException } from '../problems/problem.exception.js';
import { setCallerId } from './caller-identity.js';
import { callerIdFromAuthorization } from './caller-key.js';

/**
 * Admits requests that carry a well-formed caller key in `Authorization: Bearer <key>` and
 * records the caller for the handler; anything else is a 401 problem.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  /**
   * @param context - the request being routed
   * @returns `true` for a request with a valid key
   * @throws {@link ProblemException} `unauthorized` otherwise
   */
  canActivate(context: ExecutionContext): boolean {
    const req = httpRequestOf(context);
    const header = req.headers.authorization;
    const callerId = callerIdFromAuthorization(header);
    if (callerId === undefined) {
      throw new ProblemException(
        'unauthorized',
        header === undefined
          ? 'Send the caller key as `Authorization: Bearer <key>`.'
          : 'The caller key must be 16 to 128 characters from A-Z a-z 0-9 . _ ~ -.',
      );
    }
    setCallerId(req, callerId);
    return true;
  }
}
