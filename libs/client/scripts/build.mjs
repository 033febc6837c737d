/**
 * Builds @heygen-mock/client into libs/client/dist:
 * - index.mjs and index.cjs: ESM and CommonJS, minified with source maps, eventsource-parser
 *   left as a dependency;
 * - index.browser.mjs: the ESM entry that bundlers take for browsers (the package's `browser`
 *   condition), without the Node-only `EventSource` path;
 * - browser/index.js: one minified ES module with everything inlined, for pages without a bundler;
 * - index.d.mts and index.d.cts: one declaration file each, with the contract types inlined
 *   (the contracts package is private, so the published types must not import it);
 * - defaults.{mjs,cjs,d.mts,d.cts}: the `./defaults` entry (the option defaults as data), apart
 *   from the main entry so that importing the client never pays for it.
 *
 * Run from the workspace root: `node libs/client/scripts/build.mjs`.
 */
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { bundle, external } from './bundle.mjs';

const out = 'libs/client/dist';
const DEFAULTS_ENTRY = 'libs/client/src/defaults.ts';

// Only this build's own outputs: dist/docs belongs to the docs target.
await mkdir(`${out}/browser`, { recursive: true });
for (const name of await readdir(out)) {
  if (name.startsWith('index.') || name.startsWith('defaults.')) await rm(`${out}/${name}`, { recursive: true });
}
await rm(`${out}/browser/index.js`, { force: true });

/** Bundles one output into `outfile`, with its source map beside it when asked. */
async function emit(options, sourcemap = false) {
  const { code, map } = await bundle(options, { sourcemap });
  await writeFile(options.outfile, code);
  if (map) await writeFile(`${options.outfile}.map`, map);
}

await Promise.all([
  emit({ format: 'esm', platform: 'neutral', external, outfile: `${out}/index.mjs` }, true),
  emit({ format: 'cjs', platform: 'node', external, outfile: `${out}/index.cjs` }, true),
  emit({ format: 'esm', platform: 'browser', external, outfile: `${out}/index.browser.mjs` }, true),
  emit({ format: 'esm', platform: 'browser', outfile: `${out}/browser/index.js` }),
  ...['esm', 'cjs'].map((format) =>
    emit({ entryPoints: [DEFAULTS_ENTRY], format, platform: 'neutral', external, outfile: `${out}/defaults.${format == 'esm' ? 'mjs' : 'cjs'}` }),
  ),
]);

// rollup-plugin-dts follows `@heygen-mock/contracts` into its sources (respectExternal) and
// inlines the types used; the real dependency stays an import (it is not in the public types).
// The class has `Symbol.dispose` members: consumers need those types whatever their `lib`
// (the bundler does not carry this directive over from the source).
await declarations('libs/client/src/index.ts', 'index', '/// <reference lib="esnext.disposable" />');
await declarations(DEFAULTS_ENTRY, 'defaults');

/** Bundles the declarations of `input` into `<name>.d.mts` and `<name>.d.cts`. */
async function declarations(input, name, banner) {
  const bundle = await rollup({
    input,
    external,
    plugins: [dts({ respectExternal: true, tsconfig: 'libs/client/tsconfig.json' })],
  });
  await bundle.write({ file: `${out}/${name}.d.mts`, format: 'es', banner });
  await bundle.close();
  // Named exports only, so one declaration text is right for both module formats.
  await copyFile(`${out}/${name}.d.mts`, `${out}/${name}.d.cts`);
}
