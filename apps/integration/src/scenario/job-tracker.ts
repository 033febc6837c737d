import type { HeyGenAPI } from '@heygen-mock/client';
import { isTerminalStatus, type Job, type TerminalJobStatus } from '@heygen-mock/contracts';

/** The transport a client is using. */
export type TransportName = HeyGenAPI['transport'];

/** One transport switch the client announced. */
export interface TransportSwitch {
  /** Position among everything the tracker observed ({@link JobTracker.mark}): what came before what. */
  readonly seq: number;
  /** Milliseconds since the tracker started, for display. */
  readonly atMs: number;
  readonly from: TransportName | null;
  readonly to: TransportName;
  readonly reason: string;
}

/** How one job ended and what it cost to learn it. */
export interface JobOutcome {
  /** 1-based position in creation order. */
  readonly index: number;
  /** Position of the terminal callback among everything the tracker observed ({@link JobTracker.mark}). */
  readonly seq: number;
  readonly id: string;
  readonly status: TerminalJobStatus;
  readonly error: Job['error'];
  /** Server time the job finished (its `completedAt`), epoch ms. */
  readonly completedAt: number;
  /** Local time the terminal callback fired, epoch ms. */
  readonly notifiedAt: number;
  /** `notifiedAt − completedAt`: how late the application learned of the end. */
  readonly latencyMs: number;
  /** The client's transport when the terminal callback fired. */
  readonly transport: TransportName;
  /** Status and batch requests that named this job. */
  readonly requests: number;
  /** Callbacks received for this job, terminal included. */
  readonly updates: number;
}

interface Entry {
  readonly index: number;
  readonly id: string;
  updates: number;
  terminalCallbacks: number;
  requests: number;
  outcome: JobOutcome | null;
  settle: (outcome: JobOutcome) => void;
  readonly settled: Promise<JobOutcome>;
}

/** Callbacks a tracker forwards, for views that show a scenario live. */
export interface TrackerObserver {
  /** A listener callback fired for job `index` while the client used `transport`. */
  jobUpdated?(index: number, job: Job, transport: TransportName): void;
  /** Job `outcome.index` reached its terminal status (first delivery only). */
  jobSettled?(outcome: JobOutcome): void;
  /** The client announced a transport switch. */
  transportChanged?(change: TransportSwitch): void;
}

/**
 * Watches jobs through `client.listen` and keeps the evidence a scenario asserts on: each
 * job's terminal callback time and transport, how many terminal callbacks arrived (a
 * completion must be delivered exactly once), the status requests that named each job, and
 * every transport switch. Switches and terminal callbacks are numbered in the order they
 * happened ({@link JobTracker.mark} numbers other events in the same sequence), so a scenario
 * asserts what came before what without comparing clocks.
 *
 * @example
 * const tracker = new JobTracker(client);
 * tracker.track(await client.createJob());
 * const outcomes = await tracker.settled(30_000);
 */
export class JobTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly switchLog: TransportSwitch[] = [];
  private readonly switchWaiters = new Set<(change: TransportSwitch) => void>();
  private readonly startedAt = Date.now();
  private readonly unsubscribe: Array<() => void>;
  private seq = 0;

  /**
   * @param client - the client whose events and listeners are tracked
   * @param observer - optional live callbacks
   */
  constructor(
    private readonly client: HeyGenAPI,
    private readonly observer: TrackerObserver = {},
  ) {
    this.unsubscribe = [
      client.on('request', ({ kind, ids }) => {
        if (kind !== 'status' && kind !== 'batch') return;
        for (const id of ids) {
          const entry = this.entries.get(id);
          if (entry !== undefined) entry.requests += 1;
        }
      }),
      client.on('transport', ({ from, to, reason }) => {
        const change: TransportSwitch = { seq: this.mark(), atMs: Date.now() - this.startedAt, from, to, reason };
        this.switchLog.push(change);
        this.observer.transportChanged?.(change);
        for (const waiter of [...this.switchWaiters]) waiter(change);
      }),
    ];
  }

  /**
   * Numbers an event of the scenario (a network change, a refusal healed) in the sequence of
   * switches and terminal callbacks.
   *
   * @returns the event's position: larger than that of everything observed before it
   */
  mark(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Every transport switch so far, in order. */
  get switches(): readonly TransportSwitch[] {
    return this.switchLog;
  }

  /**
   * Resolves with the first switch, past or future, that matches `predicate`.
   *
   * @param predicate - which switch to wait for
   * @param timeoutMs - bound on the wait
   * @returns the matching switch
   * @throws Error listing the switches seen when none matched in time
   */
  async switchTo(predicate: (change: TransportSwitch) => boolean, timeoutMs: number): Promise<TransportSwitch> {
    const seen = this.switchLog.find(predicate);
    if (seen !== undefined) return seen;
    let waiter!: (change: TransportSwitch) => void;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<TransportSwitch>((resolve, reject) => {
        waiter = (change) => {
          if (predicate(change)) resolve(change);
        };
        this.switchWaiters.add(waiter);
        timer = setTimeout(() => {
          const log = this.switchLog.map((change) => `${change.from}->${change.to} (${change.reason})`).join(', ');
          reject(new Error(`No matching transport switch within ${timeoutMs} ms; seen: ${log || 'none'}`));
        }, timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      this.switchWaiters.delete(waiter);
    }
  }

  /**
   * Starts listening to `job` and numbers it in creation order.
   *
   * @param job - a job just created
   * @returns the job's 1-based index
   */
  track(job: Job): number {
    let settle!: (outcome: JobOutcome) => void;
    const settled = new Promise<JobOutcome>((resolve) => (settle = resolve));
    const entry: Entry = {
      index: this.entries.size + 1,
      id: job.id,
      updates: 0,
      terminalCallbacks: 0,
      requests: 0,
      outcome: null,
      settle,
      settled,
    };
    this.entries.set(job.id, entry);
    this.client.listen(job.id, (update) => this.onUpdate(entry, update));
    return entry.index;
  }

  /**
   * Terminal callbacks received per job id; every value must end up exactly 1.
   *
   * @returns job id → number of terminal callbacks
   */
  terminalCallbacks(): Map<string, number> {
    return new Map([...this.entries.values()].map((entry) => [entry.id, entry.terminalCallbacks]));
  }

  /**
   * Resolves once every tracked job has reached a terminal status.
   *
   * @param timeoutMs - bound on the wait
   * @returns outcomes in creation order (request counts as of now)
   * @throws Error naming the jobs still pending when the bound is reached
   */
  async settled(timeoutMs: number): Promise<JobOutcome[]> {
    const entries = [...this.entries.values()];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const pending = entries.filter((entry) => entry.outcome === null).map((entry) => `#${entry.index} ${entry.id}`);
        reject(new Error(`Jobs still unsettled after ${timeoutMs} ms: ${pending.join(', ')}`));
      }, timeoutMs);
    });
    try {
      await Promise.race([Promise.all(entries.map((entry) => entry.settled)), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return entries.map((entry) => ({ ...(entry.outcome as JobOutcome), requests: entry.requests }));
  }

  /** Stops forwarding client events; the client itself is the caller's to dispose. */
  close(): void {
    for (const off of this.unsubscribe) off();
  }

  private onUpdate(entry: Entry, job: Job): void {
    const notifiedAt = Date.now();
    entry.updates += 1;
    const transport = this.client.transport;
    this.observer.jobUpdated?.(entry.index, job, transport);
    if (!isTerminalStatus(job.status)) return;
    entry.terminalCallbacks += 1;
    if (entry.outcome !== null) return;
    const completedAt = Date.parse(job.completedAt ?? job.updatedAt);
    entry.outcome = {
      index: entry.index,
      seq: this.mark(),
      id: entry.id,
      status: job.status,
      error: job.error,
      completedAt,
      notifiedAt,
      latencyMs: notifiedAt - completedAt,
      transport,
      requests: entry.requests,
      updates: entry.updates,
    };
    this.observer.jobSettled?.(entry.outcome);
    entry.settle(entry.outcome);
  }
}
