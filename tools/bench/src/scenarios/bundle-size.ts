import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WORKSPACE_ROOT } from '@heygen-mock/testing';
import { CLIENT_ESM_ENTRY } from '../paths.js';
import type { BundleResult } from '../report/result-types.js';

async function minified(entry: string, bundleDependencies: boolean): Promise<Buffer> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    ...(bundleDependencies ? {} : { packages: 'external' as const }),
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no output.');
  return Buffer.from(file.contents);
}

/**
 * Measures what a browser application ships for the client: its built ESM entry bundled by
 * esbuild, minified, and gzipped at level 9, with and without its dependencies.
 *
 * @returns the sizes in bytes
 * @throws Error when the client is not built
 */
export async function runBundleSize(): Promise<BundleResult> {
  if (!existsSync(CLIENT_ESM_ENTRY)) throw new Error(`${CLIENT_ESM_ENTRY} is missing: run \`npx nx run client:build\` first.`);
  const full = await minified(CLIENT_ESM_ENTRY, true);
  const own = await minified(CLIENT_ESM_ENTRY, false);
  return {
    entry: relative(WORKSPACE_ROOT, CLIENT_ESM_ENTRY),
    minifiedBytes: full.length,
    gzipBytes: gzipSync(full, { level: 9 }).length,
    ownMinifiedBytes: own.length,
    ownGzipBytes: gzipSync(own, { level: 9 }).length,
  };
}
