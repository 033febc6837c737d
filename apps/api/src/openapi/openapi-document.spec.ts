import { generateOpenApiJson, GENERATED_NOTE } from './generate-openapi.js';
import { sortKeys } from './openapi-document.js';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}
type Document = {
  'x-generated': string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, Record<string, unknown>> }> };
};

describe('OpenAPI document', () => {
  let text: string;
  let document: Document;

  beforeAll(async () => {
    text = await generateOpenApiJson();
    document = JSON.parse(text) as Document;
  });

  it('is the same bytes on every run: a do-not-edit note first, then sorted keys', async () => {
    expect(await generateOpenApiJson()).toBe(text);
    const { 'x-generated': note, ...rest } = document;
    expect(Object.keys(document)[0]).toBe('x-generated');
    expect(note).toBe(GENERATED_NOTE);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(sortKeys(rest)));
  });

  it('describes every route with a stable operation id', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`),
    );
    expect(operations.sort()).toEqual([
      'GET /health getHealth',
      'GET /status streamJobEvents',
      'GET /status/{id} getJobStatus',
      'POST /create createJob',
      'POST /status/batch getJobStatusBatch',
    ]);
  });

  it('documents errors as problem documents and the stream as text/event-stream', () => {
    const status = document.paths['/status/{id}']?.['get'];
    expect(Object.keys(status?.responses['404']?.content ?? {})).toEqual(['application/problem+json']);
    expect(Object.keys(status?.responses['401']?.content ?? {})).toEqual(['application/problem+json']);
    const stream = document.paths['/status']?.['get']?.responses['200']?.content ?? {};
    expect(Object.keys(stream)).toEqual(['text/event-stream']);
    // Each event's `data` is a Job, so the contract types the payload of the stream.
    expect(stream['text/event-stream']).toEqual({ schema: { $ref: '#/components/schemas/Job' } });
    expect(document.paths['/health']?.['get']?.security).toEqual([]);
    expect(status?.security).toEqual([{ bearer: [] }]);
  });

  it('publishes schemas under their contract names', () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'BatchStatusRequest',
      'BatchStatusResponse',
      'CreateJobRequest',
      'Health',
      'Job',
      'JobError',
      'JobOutcome',
      'JobStatus',
      'Problem',
      'ValidationIssue',
    ]);
  });

  it('marks every job field required and the unset ones nullable in OpenAPI 3.1 terms', () => {
    const job = document.components.schemas['Job'];
    expect(job?.required?.sort()).toEqual(
      ['completedAt', 'createdAt', 'error', 'expectedCompletionAt', 'id', 'pollAfterMs', 'progress', 'status', 'updatedAt'],
    );
    // 3.1 is JSON Schema 2020-12: `null` is a type, and a nullable reference is a union with it.
    expect(job?.properties['completedAt']).toMatchObject({ type: ['string', 'null'] });
    expect(job?.properties['pollAfterMs']).toMatchObject({ type: ['integer', 'null'] });
    expect(job?.properties['error']).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/JobError' }, { type: 'null' }] });
    expect(JSON.stringify(document)).not.toContain('"nullable"');
  });
});
