import { type ArgumentMetadata, Injectable, type Type, ValidationPipe } from '@nestjs/common';
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
  /** Per query class: whether it accepts an empty query (every field optional). */
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
   * Validates and transforms a request's query. Most reads carry no query at all: whether `dto`
   * accepts that is learned once per class, and an empty query then costs no class-transformer,
   * no class-validator and no promise.
   *
   * @param value - the parsed query
   * @param dto - the query's class
   * @returns the query as a `dto`, or a promise of it
   * @throws {@link ProblemException} `validation` (as a rejection) listing every fault
   */
  transformQuery(value: unknown, dto: Type<object>): object | Promise<object> {
    if (isEmptyObject(value) && this.emptyQueryValid.get(dto) === true) return new dto();
    return this.transformUnknownQuery(value, dto);
  }

  /** {@link transformQuery} when the answer is not known at once: learns about empty queries first. */
  private async transformUnknownQuery(value: unknown, dto: Type<object>): Promise<object> {
    const metadata: ArgumentMetadata = { type: 'query', metatype: dto };
    if (isEmptyObject(value) && !this.emptyQueryValid.has(dto)) {
      const valid = await super.transform({}, metadata).then(() => true, () => false);
      this.emptyQueryValid.set(dto, valid);
      if (valid) return new dto();
    }
    return (await this.transform(value, metadata)) as object;
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
