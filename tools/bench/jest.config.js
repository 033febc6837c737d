module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Only the pure parts (statistics, report rendering, scanners) have unit tests; the scenarios
  // themselves are exercised by `nx run bench:run -- --smoke`.
  testPathIgnorePatterns: ['/node_modules/', '/results/'],
};
