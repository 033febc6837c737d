/**
 * Jest transform for dependencies published as ES modules only and required from CommonJS
 * ones. Node 20.19 loads them natively (require(esm)); Jest's CommonJS loader needs CommonJS.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline', loader: 'js' });
    return { code, map };
  },
};
