import { IsInt, IsOptional, IsString } from 'class-validator';
import { ProblemException } from '../problems/problem.exception.js';
import { ApiValidationPipe } from './api-validation.pipe.js';

class OptionalQuery {
  @IsOptional()
  @IsInt()
  limit?: number;
}

class RequiredQuery {
  @IsString()
  name!: string;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

describe('ApiValidationPipe.transformQuery', () => {
  it('answers an empty query at once, without a promise, once the class is known to accept it', async () => {
    const pipe = new ApiValidationPipe();
    const first = pipe.transformQuery({}, OptionalQuery);
    expect(isThenable(first)).toBe(true);
    await expect(first).resolves.toBeInstanceOf(OptionalQuery);

    const second = pipe.transformQuery({}, OptionalQuery);
    expect(isThenable(second)).toBe(false);
    expect(second).toBeInstanceOf(OptionalQuery);
    expect(second).not.toBe(pipe.transformQuery({}, OptionalQuery));
  });

  it('refuses an empty query, every time, for a class with a required field', async () => {
    const pipe = new ApiValidationPipe();
    for (let i = 0; i < 2; i++) {
      const answer = pipe.transformQuery({}, RequiredQuery);
      expect(isThenable(answer)).toBe(true);
      await expect(answer).rejects.toMatchObject({ kind: 'validation', errors: [{ in: 'query', name: 'name', detail: 'name must be a string' }] });
    }
  });

  it('validates a query with content as the pipe does, naming the parameter', async () => {
    const pipe = new ApiValidationPipe();
    await expect(pipe.transformQuery({}, OptionalQuery)).resolves.toBeInstanceOf(OptionalQuery);
    await expect(pipe.transformQuery({ limit: 'many' }, OptionalQuery)).rejects.toMatchObject({
      kind: 'validation',
      errors: [{ in: 'query', name: 'limit', detail: 'limit must be an integer number' }],
    });
    const unknown = pipe.transformQuery({ other: '1' }, OptionalQuery);
    await expect(unknown).rejects.toBeInstanceOf(ProblemException);
    await expect(unknown).rejects.toMatchObject({ errors: [{ in: 'query', name: 'other', detail: 'property other should not exist' }] });
  });
});
