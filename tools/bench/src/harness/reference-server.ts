import { join } from 'node:path';
import { type BenchServer, startBenchServer } from './bench-server.js';

/** The reference servers under `src/references/`, which the throughput scenario compares the API with. */
export type Reference = 'original-shape' | 'bare-fastify';

const REFERENCES_DIR = join(__dirname, '../references');

/**
 * Starts a reference server as a bench server (same launcher, same readings): TypeScript run
 * by tsx, with the references' own tsconfig, which turns on the decorators Nest needs.
 *
 * @param reference - which one
 * @returns the running server
 * @throws Error when it exits or is not ready in time
 */
export function startReferenceServer(reference: Reference): Promise<BenchServer> {
  return startBenchServer({
    entry: join(REFERENCES_DIR, `${reference}.mts`),
    nodeArgs: ['--import', 'tsx'],
    env: { TSX_TSCONFIG_PATH: join(REFERENCES_DIR, 'tsconfig.json') },
  });
}
