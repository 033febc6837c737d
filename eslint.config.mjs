import nx from '@nx/eslint-plugin';

/** Files that are tests or test helpers, never part of what a project ships. */
export const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/src/testing/**/*.ts'];

/**
 * Options of `@nx/enforce-module-boundaries`. Module boundaries (enforced, not advisory):
 * - `type:contracts` (libs/contracts) depends on nothing;
 * - `type:lib` (the client) depends only on the contracts;
 * - `type:app` (the api) depends only on the contracts, never on the client;
 * - `type:testing` (libs/testing, test support) depends only on the contracts, and production
 *   code never depends on it: only tests (`*.spec.ts`, `src/testing/`) may import it;
 * - `type:e2e` and `type:tool` may use the apps and libs they exercise, and the test support.
 *
 * @param {{ tests: boolean, allow?: string[] }} scope - whether the files are tests, which may
 *   also use `type:testing`; imports allowed whatever the rules say
 */
export function moduleBoundaries({ tests, allow = [] }) {
  const testing = tests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    banTransitiveDependencies: true,
    allow,
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:none'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:contracts', ...testing],
        notDependOnLibsWithTags: ['scope:client'],
      },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:lib', 'type:contracts', 'type:testing'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:app', 'type:lib', 'type:contracts', 'type:testing'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/coverage', '**/.nx', '**/tmp', '**/*.generated.ts'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ tests: false })],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and their helpers may use the test support; the code they test may not.
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ tests: true })],
    },
  },
];
