import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ProblemException } from '../problems/problem.exception.js';
import type { IssueLocation, ValidationIssue } from '../problems/validation-issue.js';

/** Carries class-validator errors from the factory to {@link ApiValidationPipe.transform}, which knows the location. */
class RawValidationFailure extends Error {
  constructor(readonly errors: readonly ValidationError[]) {
    super('validation failed');
  }
}

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], IssueLocation>> = { body: 'body', query: 'query', param: 'path' };

/**
 * Nest's `ValidationPipe` with the API's rules: DTOs are transformed, unknown properties are
 * rejected rather than silently dropped, and failures become a validation problem whose `errors`
 * name the location and path of every fault.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  /** Per query DTO class: whether it accepts an empty query (every field optional). */
  private readonly emptyQueryValid = new WeakMap<object, boolean>();

  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      // One message per property is enough to fix a request; the rest would repeat it. It is the
      // first failing check in the order the decorators are applied, bottom up, so DTOs put the
      // type check lowest: a value of the wrong type is then named as such, not as out of range.
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RawValidationFailure(errors),
    });
  }

  /**
   * Validates and transforms one handler argument.
   *
   * @param value - the raw argument
   * @param metadata - where it comes from and its declared type
   * @returns the transformed value
   * @throws {@link ProblemException} `validation` listing every fault
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Fastify parses any JSON text; the API's bodies are objects (or absent).
    if (metadata.type === 'body' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ProblemException.validation([{ in: 'body', name: '', detail: 'must be a JSON object' }]);
    }
    const { metatype } = metadata;
    // Most reads carry no query at all. Whether a query DTO accepts that is learned once per
    // class, instead of running class-transformer and class-validator on every request.
    if (metadata.type === 'query' && metatype !== undefined && isEmptyObject(value)) {
      let valid = this.emptyQueryValid.get(metatype);
      if (valid === undefined) {
        valid = await super.transform({}, metadata).then(() => true, () => false);
        this.emptyQueryValid.set(metatype, valid);
      }
      if (valid) return new (metatype as new () => object)();
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof RawValidationFailure)) throw error;
      const location = LOCATIONS[metadata.type] ?? 'body';
      throw ProblemException.validation(flatten(error.errors, location, []));
    }
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function flatten(errors: readonly ValidationError[], location: IssueLocation, path: readonly string[]): ValidationIssue[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    // Body faults are addressed by JSON Pointer (RFC 6901); parameters by their plain name.
    const name = location === 'body' ? here.map((part) => `/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : here.join('.');
    const own = Object.values(error.constraints ?? {}).map((detail) => ({ in: location, name, detail }));
    return [...own, ...flatten(error.children ?? [], location, here)];
  });
}
