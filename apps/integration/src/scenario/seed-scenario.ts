import { setTimeout as sleep } from 'node:timers/promises';
import { HeyGenAPI, HeyGenStatusListenerMode } from '@heygen-mock/client';
import type { Job } from '@heygen-mock/contracts';
import type { TcpProxy, TcpProxyStats } from '@heygen-mock/testing';
import { JobTracker, type JobOutcome, type TrackerObserver, type TransportSwitch } from './job-tracker.js';

/** Gaps between the seed's five job creations: 2 s, 2 s, 1 s and 1 s. */
export const SEED_GAPS_MS: readonly number[] = [2000, 2000, 1000, 1000];

/** The seed changes the network when its third job is created. */
export const SEED_NETWORK_CHANGE_AT_JOB = 3;

/** How long new event streams are refused after the cut. */
export const SEED_OUTAGE_MS = 3000;

/** Live callbacks of {@link runSeedScenario}, for the demo's views. */
export interface SeedScenarioObserver extends TrackerObserver {
  /** Job `index` (1-based) was created and is being listened to. */
  jobCreated?(index: number, job: Job): void;
  /** The network changed: `cut` event streams were cut and new ones are refused for `outageMs`. */
  networkChanged?(cut: number, outageMs: number): void;
}

/** Options of {@link runSeedScenario}. */
export interface SeedScenarioOptions {
  /** The API as the client reaches it: the proxy's URL. */
  url: string;
  /** The proxy in front of the API, which simulates the network change. */
  proxy: TcpProxy;
  /** @default {@link SEED_GAPS_MS} (five jobs) */
  gapsMs?: readonly number[];
  /** 1-based job at whose creation the network changes. @default 3 */
  networkChangeAtJob?: number;
  /** @default {@link SEED_OUTAGE_MS} */
  outageMs?: number;
  /** @default HeyGenStatusListenerMode.AUTO */
  mode?: HeyGenStatusListenerMode;
  /** Bound on waiting for the last job after it was created. @default 30000 */
  settleTimeoutMs?: number;
  observer?: SeedScenarioObserver;
}

/** What the seed scenario observed. */
export interface SeedScenarioReport {
  readonly jobs: readonly JobOutcome[];
  readonly switches: readonly TransportSwitch[];
  /** Terminal callbacks per job id, counted once the client was disposed (each must be 1). */
  readonly terminalCallbacks: ReadonlyMap<string, number>;
  /** Event streams cut by the network change. */
  readonly streamsCut: number;
  /** Position of the network change among the switches and terminal callbacks (their `seq`). */
  readonly networkChangeSeq: number;
  readonly clientStats: HeyGenAPI['stats'];
  readonly proxyStats: TcpProxyStats;
  /** Epoch ms the scenario started. */
  readonly startedAt: number;
  readonly durationMs: number;
}

/**
 * The seed's scenario: five jobs created 2 s, 2 s, 1 s and 1 s apart are watched with
 * `listen`; when the third is created the network changes for real (the proxy cuts the event
 * stream and refuses new ones for a while), the client falls back to polling with its
 * listeners, and every job must still be reported once. The client is disposed before the
 * report is made, so its counts are final.
 *
 * @param options - where the API is and how to disturb it
 * @returns outcomes per job, transport switches and request counts
 * @throws Error when a job is not reported in time
 */
export async function runSeedScenario(options: SeedScenarioOptions): Promise<SeedScenarioReport> {
  const gapsMs = options.gapsMs ?? SEED_GAPS_MS;
  const changeAt = options.networkChangeAtJob ?? SEED_NETWORK_CHANGE_AT_JOB;
  const outageMs = options.outageMs ?? SEED_OUTAGE_MS;
  const observer = options.observer ?? {};
  const startedAt = Date.now();
  const client = new HeyGenAPI({
    url: options.url,
    mode: options.mode ?? HeyGenStatusListenerMode.AUTO,
    logging: false,
    fallback: true,
    pollInterval: 1000,
    // Streams work again 3 s after the network change, and the last job ends about 2 s later.
    // The default probes (2 s, then 4 s, with jitter) may come only after it; probes at most
    // 1 s apart show the return to SSE in every run.
    probeMinMs: 500,
    probeMaxMs: 1000,
  });
  const tracker = new JobTracker(client, observer);
  let streamsCut = 0;
  let networkChangeSeq = Number.NaN;
  try {
    for (let index = 1; index <= gapsMs.length + 1; index += 1) {
      if (index > 1) await sleep(gapsMs[index - 2] ?? 0);
      const job = await client.createJob();
      tracker.track(job);
      observer.jobCreated?.(index, job);
      if (index === changeAt) {
        networkChangeSeq = tracker.mark();
        streamsCut = options.proxy.cutStreams();
        options.proxy.refuseStreams(outageMs);
        observer.networkChanged?.(streamsCut, outageMs);
      }
    }
    const jobs = await tracker.settled(options.settleTimeoutMs ?? 30_000);
    // End the client, then count: nothing can reach a listener any more, so the counts are final.
    client.dispose();
    return {
      jobs,
      switches: [...tracker.switches],
      terminalCallbacks: tracker.terminalCallbacks(),
      streamsCut,
      networkChangeSeq,
      clientStats: { ...client.stats },
      proxyStats: options.proxy.stats,
      startedAt,
      durationMs: Date.now() - startedAt,
    };
  } finally {
    tracker.close();
    client.dispose();
  }
}
