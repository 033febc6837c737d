/**
 * Size budgets of what the build wrote, gzipped at level 9 without the source map comment:
 * - dist/browser/index.js, everything inlined (what a page without a bundler loads): 8 KiB;
 * - dist/index.browser.mjs, the client's own code (what a bundler takes for browsers, with
 *   eventsource-parser left to the application): 5 KiB.
 * It also prints, unbudgeted, dist/index.mjs: the ESM entry of Node and other runtimes, which
 * carries the `EventSource` path that browsers do without. Exits non-zero over a budget. Run
 * after the build, from the workspace root.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KIB = 1024;

const files = [
  { file: 'dist/browser/index.js', what: 'browser bundle, everything inlined', budget: 8 * KIB },
  { file: 'dist/index.browser.mjs', what: "browser ESM, the client's own code", budget: 5 * KIB },
  { file: 'dist/index.mjs', what: 'Node ESM, own code (not budgeted)' },
];

let over = 0;
for (const { file, what, budget } of files) {
  const code = readFileSync(`libs/client/${file}`, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
  const gzipped = gzipSync(code, { level: 9 }).length;
  const verdict = budget ? ` (budget ${budget} B${gzipped > budget ? `, OVER by ${gzipped - budget} B` : ''})` : '';
  console.log(`${file}, ${what}: ${code.length} B minified, ${gzipped} B gzipped${verdict}`);
  if (budget && gzipped > budget) over++;
}
if (over) process.exit(1);
