/**
 * What the rest of the workspace may import from the API application: its default
 * configuration, so that tools (the bench) derive their settings from it instead of copying
 * numbers. The server itself is started as a process (`dist/main.js`), never imported.
 */
export { DEFAULT_API_CONFIG } from './config/api-config.js';
export type { ApiConfig } from './config/api-config.js';
