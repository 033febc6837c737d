/**
 * How every output of the client is bundled and minified, shared by the build and the size
 * check, so the size check measures exactly what is published: esbuild bundles (and shortens
 * the internal property names that {@link internalProperties} finds), terser minifies.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';
import { internalProperties } from './internal-properties.mjs';

/** The dependency stays a real dependency: installed once, shared with the application. */
export const external = ['eventsource-parser'];

const TSCONFIG = 'libs/client/tsconfig.json';

/**
 * Browser builds take `name.browser.ts` where a module `name.ts` has one, as the `browser` field
 * of a package would: `sse/pick-stream.browser.ts` leaves the Node-only `EventSource` path out.
 *
 * @type {import('esbuild').Plugin}
 */
const browserModules = {
  name: 'browser-modules',
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, resolveDir }) => {
      const browser = resolve(resolveDir, path.replace(/\.js$/, '.browser.ts'));
      return existsSync(browser) ? { path: browser } : undefined;
    });
  },
};

/** @type {RegExp | undefined} */
let mangleProps;

/**
 * Bundles and minifies one output.
 *
 * @param {import('esbuild').BuildOptions & { outfile: string }} options - the entry (the main
 *   one by default), format, platform and externals; `outfile` names the output and its map
 * @param {{ sourcemap?: boolean }} [extra] - whether to make a source map
 * @returns {Promise<{ code: string, map?: string }>} the minified code and its source map
 */
export async function bundle(options, { sourcemap = false } = {}) {
  mangleProps ??= new RegExp(`^(${internalProperties(TSCONFIG).join('|')})$`);
  const { outputFiles } = await build({
    entryPoints: ['libs/client/src/index.ts'],
    bundle: true,
    // Syntax only: terser does the rest, and better.
    minifySyntax: true,
    mangleProps,
    target: ['es2022', 'node20'],
    tsconfig: TSCONFIG,
    // The contracts package is private and inlined: its constants ship in the bundle. Its `main`
    // is its TypeScript source, which the neutral platform would not look at by default.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    sourcemap: sourcemap && 'external',
    plugins: options.platform == 'browser' ? [browserModules] : [],
    ...options,
  });
  const js = outputFiles.find((file) => file.path.endsWith(options.outfile.replace(/^.*\//, '')));
  const map = outputFiles.find((file) => file.path.endsWith('.map'));
  const module = options.format == 'esm';
  const result = await minify(js.text, {
    ecma: 2022,
    module,
    // A CommonJS file is a function scope of its own too.
    toplevel: true,
    compress: { passes: 2 },
    format: { comments: false },
    sourceMap: map && { content: map.text, url: `${options.outfile.replace(/^.*\//, '')}.map` },
  });
  return { code: result.code, map: typeof result.map == 'string' ? result.map : undefined };
}
