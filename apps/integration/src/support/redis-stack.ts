import { startApiServer, startRedisServer, TcpProxy, type ApiServer, type RedisServer } from '@heygen-mock/testing';

/** Options of {@link startRedisStack}. */
export interface RedisStackOptions {
  /** API instances to start on the one Redis. @default 3 */
  readonly instances?: number;
  /** Server settings of every instance, on top of the Redis ones (`JOB_STORE`, `REDIS_URL`, `REDIS_KEY_PREFIX`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The `REDIS_KEY_PREFIX` every instance shares. @default 'e2e-multi:' */
  readonly keyPrefix?: string;
}

/** A Redis, several API instances on it, and a round-robin proxy in front of them. */
export interface RedisStack {
  readonly redis: RedisServer;
  /** The instances, in the order of the proxy's `targetPorts` (and of its per-target stats). */
  readonly apis: readonly ApiServer[];
  /** Every line each instance wrote, in the order of {@link RedisStack.apis}: unlike `ApiServer.logs`, never trimmed. */
  readonly lines: readonly (readonly string[])[];
  /** Balances new connections over the instances in turn, skipping one that is down. */
  readonly proxy: TcpProxy;
  /** The URL clients use: the proxy's. */
  readonly url: string;
  /** Closes the proxy, then stops every instance, then Redis; each step runs even if another failed. */
  close(): Promise<void>;
}

/**
 * Starts a real Redis, `instances` built APIs with `JOB_STORE=redis` on it and the same key
 * prefix (so they share jobs, events and the simulation), and a {@link TcpProxy} that spreads
 * connections over them round-robin: a deployment of several instances behind a load balancer.
 * Whatever started is stopped again when a later step fails.
 *
 * @param options - instance count, server settings and key prefix
 * @returns the running stack
 * @example
 * const stack = await startRedisStack({ env: { HEARTBEAT_MS: '500' } });
 * const client = new HeyGenAPI({ url: stack.url });
 * await stack.apis[0]?.kill('SIGKILL');
 * await stack.close();
 */
export async function startRedisStack(options: RedisStackOptions = {}): Promise<RedisStack> {
  const { instances = 3, env = {}, keyPrefix = 'e2e-multi:' } = options;
  if (!(Number.isInteger(instances) && instances >= 1)) throw new TypeError(`Expected \`instances\` to be a positive integer, got ${instances}.`);
  const redis = await startRedisServer();
  const lines = Array.from({ length: instances }, (): string[] => []);
  const started = await Promise.allSettled(
    lines.map((own) =>
      startApiServer({
        env: { ...env, JOB_STORE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix },
        onLine: (line) => own.push(line),
      }),
    ),
  );
  const apis = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  let proxy: TcpProxy | undefined;
  const close = async (): Promise<void> => {
    const failures = [
      ...(await Promise.allSettled([proxy?.close()])),
      ...(await Promise.allSettled(apis.map((api) => api.stop()))),
      ...(await Promise.allSettled([redis.stop()])),
    ].filter((result) => result.status === 'rejected');
    if (failures.length > 0) throw new AggregateError(failures.map((failure) => failure.reason), 'Could not stop the whole Redis stack.');
  };
  try {
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    proxy = await TcpProxy.start({ targetPorts: apis.map((api) => api.port) });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { redis, apis, lines, proxy, url: proxy.url, close };
}
