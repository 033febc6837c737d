/**
 * Writes the OpenAPI document to the path given as the only argument, or to standard output.
 * Usage: `node apps/api/dist/openapi.js apps/api/openapi.json`.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { generateOpenApiJson } from './openapi/generate-openapi.js';

const target = process.argv[2];
const text = await generateOpenApiJson();
if (target === undefined) process.stdout.write(text);
else await writeFile(target, text);
