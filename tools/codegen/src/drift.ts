/** One generated file compared with what its source produces now. */
export interface DriftCheck {
  /** Path of the committed file, relative to the workspace root. */
  readonly file: string;
  /** The committed text, or `undefined` when the file is missing. */
  readonly committed: string | undefined;
  /** What the generator produces from the current source. */
  readonly expected: string;
}

/** A committed file that differs from its regenerated text. */
export interface Drift {
  readonly file: string;
  /** 1-based number of the first line that differs (0 when the file is missing). */
  readonly line: number;
  readonly committedLine: string | undefined;
  readonly expectedLine: string | undefined;
}

/**
 * Compares committed generated files with their regenerated text.
 *
 * @returns one entry per stale or missing file; an empty array means everything is current.
 */
export function findDrift(checks: readonly DriftCheck[]): Drift[] {
  const drifts: Drift[] = [];
  for (const { file, committed, expected } of checks) {
    if (committed === expected) continue;
    if (committed === undefined) {
      drifts.push({ file, line: 0, committedLine: undefined, expectedLine: undefined });
      continue;
    }
    const have = committed.split('\n');
    const want = expected.split('\n');
    let index = 0;
    while (index < Math.max(have.length, want.length) && have[index] === want[index]) index++;
    drifts.push({ file, line: index + 1, committedLine: have[index], expectedLine: want[index] });
  }
  return drifts;
}

/** Formats drifts as the lines a developer needs to find and fix them. */
export function describeDrift(drifts: readonly Drift[]): string {
  return drifts
    .map((drift) =>
      drift.line === 0
        ? `${drift.file}: missing`
        : [
            `${drift.file}:${drift.line} differs from what its source generates`,
            `  committed: ${drift.committedLine ?? '<end of file>'}`,
            `  expected:  ${drift.expectedLine ?? '<end of file>'}`,
          ].join('\n'),
    )
    .join('\n');
}
