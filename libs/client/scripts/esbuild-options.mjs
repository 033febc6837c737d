/**
 * esbuild settings shared by the build and the size check, so the size check measures exactly
 * what is published.
 */

/** Dependencies stay real dependencies: installed once, shared with the application. */
export const external = ['openapi-fetch', 'eventsource-parser'];

/**
 * Internal property names, shortened in the output. Each is used only between the package's own
 * modules: none is a platform API, a dependency's API or part of the public surface, which is
 * what makes renaming them safe (the pack check runs the packed build against the real API).
 */
export const mangleProps =
  /^(registry|known|watches|deliver|applyBatch|report|user|update|unwatch|track|batch|active|disrupted|bytes|life|onRequest|api|change|fail|remove|open|options|create)$/;

/** @type {import('esbuild').BuildOptions} */
export const common = {
  entryPoints: ['libs/client/src/index.ts'],
  bundle: true,
  minify: true,
  mangleProps,
  target: ['es2022', 'node20'],
  // The contracts package is private and inlined: its constants ship in the bundle. Its `main`
  // is its TypeScript source, which the neutral platform would not look at by default.
  mainFields: ['module', 'main'],
  tsconfig: 'libs/client/tsconfig.json',
  legalComments: 'none',
  logLevel: 'warning',
};
