/** Jest global teardown: see jest-global-setup.cjs for why it goes through a CommonJS shim. */
'use strict';

module.exports = require('./jest-global-setup.cjs').teardown;
