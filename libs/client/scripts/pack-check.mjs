/**
 * Checks the package as a consumer gets it: `npm pack`, install the tarball into an empty
 * folder, import it under ESM and CommonJS, bundle it for browsers, type-check a small consumer
 * against its bundled declarations, run the consumer scenarios against the real API, then
 * `attw --pack` and `publint`. Run from the workspace root after the client and API builds.
 */
import { execFileSync, spawn } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = process.cwd();
const project = resolve(root, 'libs/client');
const bin = (name) => join(root, 'node_modules/.bin', name);
const sh = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });
const work = mkdtempSync(join(tmpdir(), 'heygen-client-pack-'));
let server;

try {
  // 1. The tarball: only the build and the README, declarations without the private contracts.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: project, encoding: 'utf8' }));
  const files = packed.files.map((file) => file.path).sort();
  console.log(`packed ${packed.filename}: ${files.join(', ')}`);
  for (const required of ['README.md', 'package.json', 'dist/index.mjs', 'dist/index.browser.mjs', 'dist/index.cjs', 'dist/index.d.mts', 'dist/index.d.cts', 'dist/browser/index.js', 'dist/defaults.mjs', 'dist/defaults.cjs']) {
    if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }
  const stray = files.filter((file) => !/^(README\.md|package\.json|dist\/(index\.|defaults\.|browser\/))/.test(file));
  if (stray.length) throw new Error(`unexpected files in the tarball: ${stray.join(', ')}`);
  for (const types of ['dist/index.d.mts', 'dist/index.d.cts']) {
    if (readFileSync(join(project, types), 'utf8').includes('@heygen-mock/contracts')) throw new Error(`${types} imports the private contracts`);
  }

  // 2. An empty consumer folder with nothing but the tarball installed.
  const consumer = join(work, 'consumer');
  sh('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', join(work, packed.filename)], { cwd: consumer });

  // 3. Both module formats load and expose the same names.
  const names = 'Object.keys(m).sort().join()';
  const esm = execFileSync('node', ['--input-type=module', '-e', `import * as m from '@heygen-mock/client'; console.log(${names})`], { cwd: consumer, encoding: 'utf8' });
  const cjs = execFileSync('node', ['-e', `const m = require('@heygen-mock/client'); console.log(${names})`], { cwd: consumer, encoding: 'utf8' });
  if (esm != cjs || !esm.includes('HeyGenAPI')) throw new Error(`ESM and CJS exports differ:\n${esm}${cjs}`);
  console.log(`ESM and CJS export: ${esm.trim()}`);
  // A string, so that a forced colour (Nx sets FORCE_COLOR) cannot wrap the number in escapes.
  const interval = 'String(m.DEFAULT_OPTIONS.pollInterval)';
  const esmDefaults = execFileSync('node', ['--input-type=module', '-e', `import * as m from '@heygen-mock/client/defaults'; console.log(${interval})`], { cwd: consumer, encoding: 'utf8' });
  const cjsDefaults = execFileSync('node', ['-e', `const m = require('@heygen-mock/client/defaults'); console.log(${interval})`], { cwd: consumer, encoding: 'utf8' });
  if (esmDefaults != cjsDefaults || !Number(esmDefaults)) throw new Error(`The ./defaults entry differs or is empty:\n${esmDefaults}${cjsDefaults}`);

  // A bundler building for browsers takes the browser entry, without the EventSource path.
  const { metafile } = await build({
    stdin: { contents: "export { HeyGenAPI } from '@heygen-mock/client';", resolveDir: consumer },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(metafile.inputs);
  if (!inputs.some((input) => input.endsWith('@heygen-mock/client/dist/index.browser.mjs'))) {
    throw new Error(`a browser bundler did not take dist/index.browser.mjs: ${inputs.join(', ')}`);
  }
  console.log('a browser bundler takes dist/index.browser.mjs');

  // 4. The declarations resolve for a TypeScript consumer, in both resolution modes.
  writeFileSync(
    join(consumer, 'check.mts'),
    `import { HeyGenAPI, isHeyGenError, type Job, type HeyGenAPIOptions } from '@heygen-mock/client';
const options: HeyGenAPIOptions = { url: 'http://localhost:3000', mode: 'LONG_POLL' };
const client = new HeyGenAPI(options);
export const wait: Promise<Job> = client.waitForJob('id', { timeoutMs: 1000 });
export const off: () => void = client.on('transport', (e) => console.log(e.from, e.to, e.reason));
export const failed = (e: unknown): string | undefined => (isHeyGenError(e, 'ERR_JOB_FAILED') ? e.job.status : undefined);
export function scoped(): string {
  using scopedClient = new HeyGenAPI({ url: 'http://localhost:3000' });
  return scopedClient.transport;
}
// @ts-expect-error: an unknown mode is a type error
new HeyGenAPI({ url: 'http://localhost:3000', mode: 'FAST' });
`,
  );
  writeFileSync(
    join(consumer, 'check.cts'),
    `import client = require('@heygen-mock/client');\nexport const key: string = new client.HeyGenAPI({ url: 'http://x.test' }).apiKey;\n`,
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, types: [] }, files: ['check.mts', 'check.cts'] }),
  );
  sh(bin('tsc'), ['-p', join(consumer, 'tsconfig.json')]);
  console.log('types resolve under nodenext (ESM and CJS)');

  // 5. The consumer scenarios against the real API.
  const api = await startApi({ JOB_TIME: '10500', HEARTBEAT_MS: '2000' });
  server = api.child;
  copyFileSync(join(project, 'scripts/consumer-check.mjs'), join(consumer, 'consumer-check.mjs'));
  sh('node', ['consumer-check.mjs', api.url], { cwd: consumer });

  // 6. Package linting.
  sh(bin('attw'), ['--pack', project]);
  sh(bin('publint'), [project, '--strict']);
} finally {
  server?.kill();
  rmSync(work, { recursive: true, force: true });
}

/** Starts the built API on a free port and resolves with its URL once it listens. */
function startApi(env) {
  const child = spawn('node', [join(root, 'apps/api/dist/main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`the API exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const port = /"port":(\d+)/.exec(line)?.[1];
      if (port) ready({ child, url: `http://127.0.0.1:${port}` });
    });
  });
}
