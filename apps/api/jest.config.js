import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = dirname(fileURLToPath(import.meta.url));

/**
 * Nest 12 ships as ES modules only, so this project is ESM and Jest runs it natively
 * (`--experimental-vm-modules`, set by the `test` target) instead of through the CommonJS
 * transform of the shared preset.
 */
const base = {
  preset: '../../jest.preset.js',
  rootDir,
  setupFiles: ['reflect-metadata'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true, diagnostics: false }],
    // `@fastify/static` (Swagger UI) requires content-disposition@3, which is ESM only: Node 20.19
    // loads it with require(esm), Jest's CommonJS loader needs it compiled to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': '<rootDir>/jest.esm-to-cjs.cjs',
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/).*/node_modules/'],
};

/**
 * Two projects: every spec with the default backends, and the API tests (the specs that start
 * the real server over HTTP) once more with `JOB_STORE=redis`. The global setup starts one real
 * `redis-server` for the run (a free loopback port, no persistence) for both.
 */
export default {
  globalSetup: '<rootDir>/jest.global-setup.cjs',
  globalTeardown: '<rootDir>/jest.global-teardown.cjs',
  testTimeout: 10_000,
  projects: [
    { ...base, displayName: 'api' },
    {
      ...base,
      displayName: 'api (redis)',
      setupFiles: [...base.setupFiles, '<rootDir>/jest.on-redis.cjs'],
      testMatch: ['<rootDir>/src/jobs/jobs.controller.spec.ts', '<rootDir>/src/jobs/job-events.controller.spec.ts', '<rootDir>/src/openapi/live-conformance.spec.ts'],
    },
  ],
};
