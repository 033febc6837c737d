/**
 * Shared Jest settings: TypeScript through ts-jest (transpile only; `tsc` type-checks in
 * the build and lint targets), Node environment, tests beside the source as `*.spec.ts`.
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/?(*.)+(spec|test).ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  // `.js` suffixes in relative imports (required by nodenext/ESM) map back to the `.ts` source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  clearMocks: true,
  restoreMocks: true,
};
