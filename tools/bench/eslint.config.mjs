import baseConfig, { moduleBoundaries, TEST_FILES } from '../../eslint.config.mjs';

// The plan reads the server's defaults (DEFAULT_API_CONFIG) from the API's public entry. Nx bans
// imports of applications outright whatever the tags allow, so this one is allowed here, for the
// bench alone.
const allow = ['@heygen-mock/api'];

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ tests: false, allow })] },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ tests: true, allow })] },
  },
];
