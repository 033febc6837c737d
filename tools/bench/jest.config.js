const preset = require('../../jest.preset.js');

module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Only the pure parts (statistics, report rendering, scanners, the plan) have unit tests; the
  // scenarios themselves are exercised by `nx run bench:run -- --smoke`.
  testPathIgnorePatterns: ['/node_modules/', '/results/'],
  // The plan imports the server's defaults from `@heygen-mock/api`, whose entry is an ES module
  // build that loads the whole Nest application: Jest cannot require it on Node 20. The plan
  // reads only DEFAULT_API_CONFIG, so the tests resolve the package to the module that defines
  // it, compiled to CommonJS. `tsc` still checks the plan against the package's real types.
  moduleNameMapper: {
    '^@heygen-mock/api$': '<rootDir>/../../apps/api/src/config/api-config.ts',
    ...preset.moduleNameMapper,
  },
  transform: {
    '/apps/api/src/config/.+\\.ts$': '<rootDir>/jest.api-config-transform.cjs',
    ...preset.transform,
  },
};
