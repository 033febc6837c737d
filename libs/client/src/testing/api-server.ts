import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** A running API server started from its build output. */
export interface ApiServer {
  url: string;
  stop(): Promise<void>;
}

const MAIN = resolve(__dirname, '../../../../apps/api/dist/main.js');

/**
 * Starts `apps/api/dist/main.js` on 127.0.0.1 with a free port (PORT=0) and the given
 * environment; resolves once its log line announces the port.
 */
export function startApi(env: Record<string, string> = {}): Promise<ApiServer> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error('API did not start within 15 s')), 15_000);
    child.once('exit', (code) => fail(new Error(`API exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = /"port":(\d+)/.exec(line)?.[1];
      if (!port) return;
      clearTimeout(timer);
      ready({ url: `http://127.0.0.1:${port}`, stop });
    });
    child.stderr!.resume();
  });
}
