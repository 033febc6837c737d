import { execFileSync } from 'node:child_process';
import type { OpenAPI3 } from 'openapi-typescript';
import { GENERATED_HEADER } from './header.js';

/**
 * openapi-typescript's CommonJS build loads ESM-only packages that Jest cannot require on
 * Node 20, so the renderer runs in a child Node process (with tsx), as the CLI runs it.
 */
function render(input: OpenAPI3): { first: string; second: string; inputAfter: string } {
  const script = `
    const { renderContract } = require(${JSON.stringify(require.resolve('./contract.ts'))});
    const spec = JSON.parse(process.argv[1]);
    (async () => {
      const first = await renderContract(spec);
      const second = await renderContract(spec);
      process.stdout.write(JSON.stringify({ first, second, inputAfter: JSON.stringify(spec) }));
    })();`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script, JSON.stringify(input)], { encoding: 'utf8' });
  return JSON.parse(out) as { first: string; second: string; inputAfter: string };
}

const spec: OpenAPI3 = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, size: { type: 'integer' } } },
    },
  },
};

describe('renderContract', () => {
  const result = render(spec);

  it('starts with the do-not-edit header', () => {
    expect(result.first.startsWith(GENERATED_HEADER)).toBe(true);
  });

  it('renders paths, components and operations from the spec', () => {
    expect(result.first).toContain('export interface paths');
    expect(result.first).toMatch(/Thing: \{\s+id: string;\s+size\?: number;/);
    expect(result.first).toContain('getThing');
  });

  it('renders the same bytes twice and leaves its input untouched', () => {
    expect(result.second).toBe(result.first);
    expect(result.inputAfter).toBe(JSON.stringify(spec));
  });
});
