import path from 'node:path';

/** Absolute path of the workspace root. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** The API's build output, produced by `nx run api:build`. */
export const API_MAIN = path.join(WORKSPACE_ROOT, 'apps/api/dist/main.js');

/** The client's browser bundle (ESM, everything inlined), produced by `nx run client:build`. */
export const CLIENT_BROWSER_BUNDLE = path.join(WORKSPACE_ROOT, 'libs/client/dist/browser/index.js');

/** Chromium from the distribution's package; the browser scenario drives it with playwright-core. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
