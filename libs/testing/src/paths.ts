import path from 'node:path';

/** Absolute path of the workspace root. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** The API's build output, produced by `nx run api:build`. */
export const API_MAIN = path.join(WORKSPACE_ROOT, 'apps/api/dist/main.js');
