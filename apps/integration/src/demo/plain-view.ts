import type { Job } from '@heygen-mock/contracts';
import type { JobOutcome, TransportName, TransportSwitch } from '../scenario/job-tracker.js';
import type { SeedScenarioObserver } from '../scenario/seed-scenario.js';
import { formatOffset, shortId } from './format.js';

/**
 * The demo's view for pipes and CI logs: one timestamped line per event, nothing redrawn.
 * Progress is printed only when it changes, so a job prints a handful of lines.
 */
export class PlainView implements SeedScenarioObserver {
  private readonly startedAt = Date.now();
  private readonly lastProgress = new Map<number, number>();

  /** @param out - where lines go */
  constructor(private readonly out: NodeJS.WritableStream) {}

  /** Prints a free-form line with a timestamp. */
  note(message: string): void {
    this.out.write(`${new Date().toISOString()} ${formatOffset(Date.now() - this.startedAt)}  ${message}\n`);
  }

  jobCreated(index: number, job: Job): void {
    const eta = Date.parse(job.expectedCompletionAt) - Date.now();
    this.note(`job ${index} created  ${shortId(job.id)}  expected in ${eta} ms`);
  }

  jobUpdated(index: number, job: Job, transport: TransportName): void {
    if (job.status !== 'pending' || this.lastProgress.get(index) === job.progress) return;
    this.lastProgress.set(index, job.progress);
    this.note(`job ${index} ${String(job.progress).padStart(3)}%  via ${transport}`);
  }

  jobSettled(outcome: JobOutcome): void {
    this.note(
      `job ${outcome.index} ${outcome.status}  via ${outcome.transport}, notified ${outcome.latencyMs} ms after completion, ` +
        `${outcome.requests} status request(s)`,
    );
  }

  transportChanged(change: TransportSwitch): void {
    this.note(`transport ${change.from ?? '(none)'} -> ${change.to}  (${change.reason})`);
  }

  networkChanged(cut: number, outageMs: number): void {
    this.note(`network change: cut ${cut} event stream(s), refusing new streams for ${outageMs} ms`);
  }

  /** Ends the view; lines already written stay as they are. */
  finish(): void {
    // A pipe has no cursor or screen state to restore.
  }
}
