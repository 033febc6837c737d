/**
 * Unit tests (`*.spec.ts`, fake timers and an observed fetch) and API tests (`*.api.spec.ts`,
 * the built server started on a free port) of the client.
 */
module.exports = {
  displayName: 'client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 20_000,
};
