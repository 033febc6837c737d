/**
 * End-to-end scenarios against the built API and the built client. One server for the suite
 * (global setup/teardown); scenarios that need other server settings start their own. Run in
 * band: the scenarios measure latency and a second one running beside would only add noise.
 */
module.exports = {
  displayName: 'integration-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/e2e/**/*.spec.ts'],
  globalSetup: '<rootDir>/src/support/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/src/support/jest-global-teardown.cjs',
  testTimeout: 45_000,
  slowTestThreshold: 30,
};
