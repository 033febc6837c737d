import path from 'node:path';
import { WORKSPACE_ROOT } from '@heygen-mock/testing';

/** The client's browser bundle (ESM, everything inlined), produced by `nx run client:build`. */
export const CLIENT_BROWSER_BUNDLE = path.join(WORKSPACE_ROOT, 'libs/client/dist/browser/index.js');

/** Chromium from the distribution's package; the browser scenario drives it with playwright-core. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
