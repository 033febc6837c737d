/**
 * Jest transform for the API's configuration module (see jest.config.js): compiles its
 * TypeScript, written as an ES module, to CommonJS with esbuild.
 */
'use strict';

const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code } = transformSync(source, { format: 'cjs', loader: 'ts', target: 'node20', sourcefile: path });
    return { code };
  },
};
