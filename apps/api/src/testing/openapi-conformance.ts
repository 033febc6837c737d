import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

interface MediaType {
  readonly schema?: object;
}
interface ResponseObject {
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Operation {
  readonly responses: Readonly<Record<string, ResponseObject>>;
}
/** The parts of an OpenAPI 3.x document that describe answers. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

/** An answer of the API, as received. */
export interface LiveAnswer {
  readonly status: number;
  /** The `Content-Type` header, or `null` when there is none. */
  readonly contentType: string | null;
  /** The decoded body: parsed JSON, or for an event stream the parsed `data` of each event. */
  readonly bodies: readonly unknown[];
}

const SCHEMA_ID = 'openapi.json';

/**
 * Checks live answers against an OpenAPI document the way a standard validator reads it: a
 * 3.1 document with JSON Schema 2020-12 (Ajv2020), a 3.0 document with Ajv's draft-07 and its
 * support of OpenAPI's `nullable`. Schemas are compiled from the document itself, `$ref`s and
 * all, so nothing is copied or relaxed.
 */
export class OpenApiConformance {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** @param document - the document as served */
  constructor(private readonly document: OpenApiDocument) {
    const options = { allErrors: true, strict: true };
    this.ajv = document.openapi.startsWith('3.1.') ? new Ajv2020(options) : new Ajv(options);
    // OpenAPI's own schema keywords are annotations to a JSON Schema validator; so are the
    // document's top-level fields, since the document is the resource `$ref`s point into.
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
    this.ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'security', 'tags', 'webhooks', 'jsonSchemaDialect']);
    formats.default(this.ajv);
    this.ajv.addSchema(document, SCHEMA_ID);
  }

  /**
   * Lists everything in an answer that its operation does not document: an undocumented status
   * or media type, or a body that fails the schema.
   *
   * @param path - the path template, as in the document (`/status/{id}`)
   * @param method - the HTTP method, lower case
   * @param answer - what the server answered
   * @returns the violations; empty when the answer conforms
   */
  violations(path: string, method: string, answer: LiveAnswer): string[] {
    const where = `${method.toUpperCase()} ${path} ${answer.status}`;
    const operation = this.document.paths[path]?.[method];
    if (operation === undefined) return [`${method.toUpperCase()} ${path} is not in the document`];
    const status = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((key) => operation.responses[key] !== undefined);
    if (status === undefined) return [`${where}: status not documented`];
    const content = operation.responses[status]?.content;
    if (content === undefined) return answer.bodies.length === 0 ? [] : [`${where}: a body where none is documented`];
    const mediaType = answer.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (content[mediaType] === undefined) return [`${where}: media type "${mediaType}" not documented`];
    const pointer = `#/paths/${escape(path)}/${method}/responses/${status}/content/${escape(mediaType)}/schema`;
    const validate = this.validator(pointer);
    return answer.bodies.flatMap((body) =>
      validate(body) ? [] : (validate.errors ?? []).map((error) => `${where}: body${error.instancePath} ${error.message ?? 'is invalid'}`),
    );
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `${SCHEMA_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }
}

// [RFC 6901] `~` and `/` inside a JSON Pointer token.
function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
