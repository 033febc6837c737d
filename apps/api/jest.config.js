import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Nest 12 ships as ES modules only, so this project is ESM and Jest runs it natively
 * (`--experimental-vm-modules`, set by the `test` target) instead of through the CommonJS
 * transform of the shared preset.
 */
export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: dirname(fileURLToPath(import.meta.url)),
  setupFiles: ['reflect-metadata'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true, diagnostics: false }],
    // `@fastify/static` (Swagger UI) requires content-disposition@3, which is ESM only: Node 20.19
    // loads it with require(esm), Jest's CommonJS loader needs it compiled to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': '<rootDir>/jest.esm-to-cjs.cjs',
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/).*/node_modules/'],
  testTimeout: 10_000,
};
