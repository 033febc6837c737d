import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CALLER_KEY_PATTERN, MAX_BATCH_JOB_IDS, MAX_STREAM_JOB_IDS, MAX_WAIT_MS, TERMINAL_JOB_STATUSES } from '@heygen-mock/contracts';

/** The committed spec, as `nx run api:openapi` wrote it from the API's decorators. */
interface SpecExcerpt {
  components: {
    schemas: {
      BatchStatusRequest: { properties: { ids: { maxItems: number }; waitMs: { maximum: number } } };
      JobStatus: { enum: string[] };
    };
    securitySchemes: { bearer: { description: string } };
  };
  paths: {
    '/status': { get: { parameters: { name: string; description?: string }[] } };
    '/status/{id}': { get: { parameters: { name: string; schema?: { maximum?: number } }[] } };
  };
}

const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../../apps/api/openapi.json'), 'utf8')) as SpecExcerpt;

describe('the hand-written rules of libs/contracts', () => {
  it('cap the ids of a request where the spec does, for batch reads and streams', () => {
    expect(spec.components.schemas.BatchStatusRequest.properties.ids.maxItems).toBe(MAX_BATCH_JOB_IDS);
    const ids = spec.paths['/status'].get.parameters.find((parameter) => parameter.name === 'ids');
    expect(ids?.description).toContain(`at most ${MAX_STREAM_JOB_IDS};`);
  });

  it('cap a long-poll where the spec does, for batch and single reads', () => {
    expect(spec.components.schemas.BatchStatusRequest.properties.waitMs.maximum).toBe(MAX_WAIT_MS);
    const waitMs = spec.paths['/status/{id}'].get.parameters.find((parameter) => parameter.name === 'waitMs');
    expect(waitMs?.schema?.maximum).toBe(MAX_WAIT_MS);
  });

  it('accept the caller keys the security scheme describes, and no others', () => {
    expect(spec.components.securitySchemes.bearer.description).toContain('16 to 128 characters from `A-Z a-z 0-9 . _ ~ -`');
    expect(CALLER_KEY_PATTERN.test('0b7f8e0e-5a51-4c0e-9a0c-3f3d2f3e4b1a')).toBe(true);
    expect(CALLER_KEY_PATTERN.test('A-Za-z0.9_~'.padEnd(128, 'x'))).toBe(true);
    expect(CALLER_KEY_PATTERN.test('x'.repeat(15))).toBe(false);
    expect(CALLER_KEY_PATTERN.test('x'.repeat(129))).toBe(false);
    expect(CALLER_KEY_PATTERN.test(`${'x'.repeat(16)}/`)).toBe(false);
  });

  it('call terminal every status of the spec but pending', () => {
    expect([...TERMINAL_JOB_STATUSES].sort()).toEqual(spec.components.schemas.JobStatus.enum.filter((status) => status !== 'pending').sort());
  });
});
