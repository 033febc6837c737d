import type { Job } from '@heygen-mock/contracts';
import type { JobOutcome, TransportName, TransportSwitch } from '../scenario/job-tracker.js';
import type { SeedScenarioObserver } from '../scenario/seed-scenario.js';
import { fitToScreen, formatOffset, progressBar, shortId } from './format.js';

interface JobRow {
  readonly id: string;
  status: string;
  progress: number;
  transport: TransportName | null;
  outcome: JobOutcome | null;
}

const ESC = '\u001b[';
const RECENT_EVENTS = 6;
const REDRAW_MS = 100;

/**
 * The demo's view on a terminal: a block of lines redrawn in place with ANSI escapes (a
 * progress bar per job, the active transport, the latest events), so the fallback is seen as
 * it happens. Needs no dependency; {@link PlainView} is used where stdout is not a TTY.
 */
export class LiveView implements SeedScenarioObserver {
  private readonly startedAt = Date.now();
  private readonly rows: JobRow[] = [];
  private readonly events: string[] = [];
  private transport: TransportName | null = null;
  private drawnLines = 0;
  private finished = false;
  private readonly ticker: NodeJS.Timeout;
  private readonly restoreCursor = (): void => {
    this.out.write(`${ESC}?25h`);
  };

  /** @param out - a TTY stream */
  constructor(private readonly out: NodeJS.WriteStream) {
    this.out.write(`${ESC}?25l`);
    process.once('exit', this.restoreCursor);
    this.ticker = setInterval(() => this.draw(), REDRAW_MS);
    this.ticker.unref();
  }

  /** Adds a free-form line to the event log. */
  note(message: string): void {
    this.events.push(`${formatOffset(Date.now() - this.startedAt)}  ${message}`);
    if (this.events.length > RECENT_EVENTS) this.events.shift();
    this.draw();
  }

  jobCreated(index: number, job: Job): void {
    this.rows[index - 1] = { id: job.id, status: job.status, progress: job.progress, transport: null, outcome: null };
    this.note(`job ${index} created`);
  }

  jobUpdated(index: number, job: Job, transport: TransportName): void {
    const row = this.rows[index - 1];
    if (row === undefined) return;
    row.status = job.status;
    row.progress = job.progress;
    row.transport = transport;
    this.transport = transport;
    this.draw();
  }

  jobSettled(outcome: JobOutcome): void {
    const row = this.rows[outcome.index - 1];
    if (row !== undefined) row.outcome = outcome;
    this.note(`job ${outcome.index} ${outcome.status} via ${outcome.transport} (+${outcome.latencyMs} ms)`);
  }

  transportChanged(change: TransportSwitch): void {
    this.transport = change.to;
    this.note(`transport ${change.from ?? '(none)'} -> ${change.to} (${change.reason})`);
  }

  networkChanged(cut: number, outageMs: number): void {
    this.note(`network change: ${cut} stream(s) cut, streams refused for ${outageMs} ms`);
  }

  /** Draws the final frame, stops redrawing and gives the cursor back. */
  finish(): void {
    if (this.finished) return;
    clearInterval(this.ticker);
    this.draw();
    this.finished = true;
    this.restoreCursor();
    process.off('exit', this.restoreCursor);
  }

  private draw(): void {
    // After the final frame the terminal belongs to the summary; redrawing would overwrite it.
    if (this.finished) return;
    const lines = fitToScreen(
      [
        `heygen-mock demo  ${formatOffset(Date.now() - this.startedAt)}  transport: ${this.transport ?? '...'}`,
        '',
        ...this.rows.map((row, index) => this.jobLine(index + 1, row)),
        '',
        ...this.events,
      ],
      this.out.columns,
      this.out.rows,
    );
    // Move to the start of the block drawn last time (every line is one screen row), then
    // overwrite it line by line.
    let frame = this.drawnLines > 0 ? `${ESC}${this.drawnLines}F` : '';
    for (const line of lines) frame += `${ESC}2K${line}\n`;
    frame += `${ESC}J`;
    this.out.write(frame);
    this.drawnLines = lines.length;
  }

  private jobLine(index: number, row: JobRow): string {
    const done = row.outcome;
    const status = done === null ? `${row.status} ${String(row.progress).padStart(3)}%` : done.status;
    const detail =
      done === null
        ? `via ${row.transport ?? '...'}`
        : `via ${done.transport}, +${done.latencyMs} ms, ${done.requests} request(s)`;
    return `job ${index}  ${shortId(row.id)}  ${progressBar(done === null ? row.progress : 100)}  ${status.padEnd(13)}  ${detail}`;
  }
}
