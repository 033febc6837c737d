/**
 * Jest loads its global setup and teardown with Node's own `require`, which applies neither
 * Jest's `moduleNameMapper` nor its transform to the modules they import, so the TypeScript
 * sources (nodenext, `.js`-suffixed relative imports) are loaded through tsx's scoped require.
 */
'use strict';

const { register } = require('tsx/cjs/api');

const tsx = register({ namespace: 'heygen-mock-e2e-global' });
const setup = tsx.require('./global-setup.ts', __filename);
const teardown = tsx.require('./global-teardown.ts', __filename);
tsx.unregister();

module.exports = setup.default;
module.exports.teardown = teardown.default;
