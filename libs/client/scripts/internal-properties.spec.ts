import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Runs the ES module in a Node process of its own: Jest loads CommonJS here. */
function internalProperties(tsconfig: string): string[] {
  const module = pathToFileURL(join(__dirname, 'internal-properties.mjs')).href;
  const script = `const m = await import(${JSON.stringify(module)}); console.log(JSON.stringify(m.internalProperties(${JSON.stringify(tsconfig)})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
}

describe('internalProperties', () => {
  it('shortens a member only an internal declaration has, and no platform, public or read-by-name one', () => {
    expect(internalProperties(join(__dirname, 'fixtures/internal-properties/tsconfig.json'))).toEqual(['frob']);
  });

  it("shortens the client's registry and transport internals, and leaves the platform's names alone", () => {
    const names = internalProperties(join(__dirname, '../tsconfig.json'));
    expect(names).toEqual(expect.arrayContaining(['registry', 'deliver', 'applyBatch', 'watches', 'known']));
    // Members of platform types the client's internals also use as names.
    for (const name of ['open', 'bytes', 'active', 'options', 'close', 'signal']) expect(names).not.toContain(name);
  });
});
