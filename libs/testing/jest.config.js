/**
 * Unit tests of the test support (request classifier, log parsing, waits, the proxy against a
 * local upstream) and, in `*.api.spec.ts`, the launcher against the built API.
 */
module.exports = {
  displayName: 'testing',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 20_000,
};
