import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception.js';
import { isUuid } from './uuid.js';

/** Validates a job id taken from the path and normalises it to lower case, the form ids are issued in. */
@Injectable()
export class ParseJobIdPipe implements PipeTransform<string, string> {
  /**
   * @param value - the raw path segment
   * @returns the id in lower case
   * @throws {@link ProblemException} `validation` when it is not a UUID
   */
  transform(value: string): string {
    if (!isUuid(value)) throw ProblemException.validation([{ in: 'path', name: 'id', detail: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}
