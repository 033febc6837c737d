/** Unit tests of the scenario tooling (proxy, parsers, formatting): no server needed. */
module.exports = {
  displayName: 'integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/e2e/'],
  testTimeout: 10_000,
};
