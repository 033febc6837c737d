import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI3 } from 'openapi-typescript';
import { renderContract } from './contract.js';
import { describeDrift, findDrift } from './drift.js';

/**
 * `generate`: validate apps/api/openapi.json and write libs/contracts from it.
 * `check`: fail when the committed spec no longer matches the API's decorators, when the
 * committed contract no longer matches the spec, or when the spec does not validate.
 */
const root = resolve(__dirname, '../../..');
const SPEC = 'apps/api/openapi.json';
const CONTRACT = 'libs/contracts/src/openapi.generated.ts';
const SPEC_WRITER = 'apps/api/dist/openapi.js';

function read(file: string): string | undefined {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

async function validate(specText: string): Promise<OpenAPI3> {
  const spec = JSON.parse(specText) as OpenAPI3;
  // swagger-parser dereferences in place; validate a copy so the contract keeps its $refs.
  await SwaggerParser.validate(structuredClone(spec) as never);
  return spec;
}

/** Writes the spec from the built API into a temporary file and returns its text. */
function regenerateSpec(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heygen-spec-'));
  try {
    const out = join(dir, 'openapi.json');
    execFileSync(process.execPath, [join(root, SPEC_WRITER), out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function generate(): Promise<void> {
  const specText = read(SPEC);
  if (specText === undefined) throw new Error(`${SPEC} is missing: run \`npx nx run api:openapi\` first.`);
  const contract = await renderContract(await validate(specText));
  writeFileSync(join(root, CONTRACT), contract);
  console.log(`wrote ${CONTRACT} from ${SPEC}`);
}

async function check(): Promise<void> {
  const committedSpec = read(SPEC);
  const freshSpec = regenerateSpec();
  const spec = await validate(freshSpec);
  const drifts = findDrift([
    { file: SPEC, committed: committedSpec, expected: freshSpec },
    { file: CONTRACT, committed: read(CONTRACT), expected: await renderContract(spec) },
  ]);
  if (drifts.length > 0) {
    console.error(describeDrift(drifts));
    console.error('The committed contract is stale: run `npx nx run contracts:generate` and commit the result.');
    process.exitCode = 1;
    return;
  }
  console.log(`${SPEC} validates and matches the API; ${CONTRACT} matches the spec.`);
}

const commands: Record<string, () => Promise<void>> = { generate, check };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: cli.ts generate | check');
  process.exitCode = 2;
} else {
  command().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
