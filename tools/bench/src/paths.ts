import { join, resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@heygen-mock/testing';

/** This project's folder. */
export const BENCH_ROOT = resolve(__dirname, '..');

/** The built client's ESM entry, bundled for the size scenario. */
export const CLIENT_ESM_ENTRY = join(WORKSPACE_ROOT, 'libs/client/dist/index.mjs');

/** Where a full run writes its report. */
export const RESULTS_DIR = join(BENCH_ROOT, 'results');

/** Where a smoke run writes its report (not committed). */
export const SMOKE_RESULTS_DIR = join(RESULTS_DIR, 'smoke');

/** Where a run of only some scenarios writes its report (not committed). */
export const PARTIAL_RESULTS_DIR = join(RESULTS_DIR, 'partial');
