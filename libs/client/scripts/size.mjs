/**
 * Size budget: the published ESM entry, bundled with everything it imports except its two
 * dependencies, minified and gzipped at level 9, must stay within 5 KB. Prints the figure and
 * exits non-zero over budget. Run after the build, from the workspace root.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { external } from './esbuild-options.mjs';

const BUDGET = 5120;

const { outputFiles } = await build({
  entryPoints: ['libs/client/dist/index.mjs'],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external,
  write: false,
  logLevel: 'warning',
});
const code = outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const browser = gzipSync(
  (await build({ entryPoints: ['libs/client/dist/browser/index.js'], bundle: true, minify: true, format: 'esm', write: false }))
    .outputFiles[0].contents,
  { level: 9 },
).length;

console.log(`dist/index.mjs: ${code.length} B minified, ${gzipped} B gzipped (budget ${BUDGET} B)`);
console.log(`dist/browser/index.js, dependencies inlined, for reference: ${browser} B gzipped`);
if (gzipped > BUDGET) {
  console.error(`Over budget by ${gzipped - BUDGET} B.`);
  process.exit(1);
}
