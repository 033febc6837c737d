/**
 * Size budget: the published ESM entry, bundled with everything it imports except its two
 * dependencies, minified and gzipped at level 9, must stay within 5 KB. Prints that figure and,
 * for reference, the same entry with its dependencies inlined and the browser bundle; exits
 * non-zero over budget. Run after the build, from the workspace root.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { external } from './esbuild-options.mjs';

const BUDGET = 5120;

/** Minified and gzipped sizes of `entry` bundled as one ES module. */
async function measure(entry, options = {}) {
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    ...options,
  });
  const code = outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const own = await measure('libs/client/dist/index.mjs', { external });
const inlined = await measure('libs/client/dist/index.mjs', { mainFields: ['module', 'main'] });
const browser = await measure('libs/client/dist/browser/index.js');

console.log(`dist/index.mjs, own code (budgeted): ${own.minified} B minified, ${own.gzipped} B gzipped (budget ${BUDGET} B)`);
console.log(
  `dist/index.mjs with openapi-fetch and eventsource-parser inlined, for reference: ${inlined.minified} B minified, ${inlined.gzipped} B gzipped`,
);
console.log(`dist/browser/index.js (everything inlined, for pages without a bundler), for reference: ${browser.gzipped} B gzipped`);
if (own.gzipped > BUDGET) {
  console.error(`Over budget by ${own.gzipped - BUDGET} B.`);
  process.exit(1);
}
