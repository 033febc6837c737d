import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Tests index into arrays they have just filled; `!` says so more plainly than a guard.
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
