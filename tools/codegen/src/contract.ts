import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { GENERATED_HEADER } from './header.js';

/**
 * Renders the TypeScript contract for an OpenAPI document: `paths`, `components` and
 * `operations` as openapi-typescript prints them, behind the do-not-edit header.
 *
 * @param spec - the parsed OpenAPI document (it is not modified).
 * @returns the file's full text; the same spec always renders the same bytes.
 */
export async function renderContract(spec: OpenAPI3): Promise<string> {
  // openapi-typescript annotates the document it is given; hand it a copy.
  const ast = await openapiTS(structuredClone(spec), {
    // `additionalProperties: false` in the spec already says what is allowed; keep the types exact.
    exportType: false,
    alphabetize: true,
  });
  return `${GENERATED_HEADER}\n${astToString(ast).trimEnd()}\n`;
}
