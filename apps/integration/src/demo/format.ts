/**
 * Formats a moment relative to the start of the demo, e.g. `+4.012s`.
 *
 * @param ms - milliseconds since the start
 * @returns the formatted offset
 */
export function formatOffset(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

/**
 * The first block of a UUID: enough to tell five jobs apart on screen.
 *
 * @param id - a job id
 * @returns its first eight characters
 */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * A text progress bar, e.g. `[######----]`.
 *
 * @param percent - 0–100
 * @param width - number of cells
 * @returns the bar
 */
export function progressBar(percent: number, width = 20): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/**
 * Renders rows as a left-aligned text table with a header row.
 *
 * @param header - column titles
 * @param rows - cells, one array per row
 * @param rightAligned - indexes of columns to align right (numbers)
 * @returns the table, one line per row, no trailing newline
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * Fits a block of lines to a terminal so that every row it draws is one screen row: lines
 * wider than the screen are wrapped (continuations indented by two spaces) instead of left to
 * the terminal, whose own wrapping would make a redraw in place miscount its rows and leave
 * copies behind; when the block is taller than the screen, its last rows are dropped.
 *
 * @param lines - logical lines, without newlines or escape sequences
 * @param columns - screen width
 * @param rows - screen height
 * @returns screen rows, each shorter than `columns`, fewer than `rows` of them
 */
export function fitToScreen(lines: readonly string[], columns: number, rows: number): string[] {
  // One column and one row to spare: a full-width row or a full screen makes terminals scroll.
  const width = Math.max(10, columns - 1);
  const fitted = lines.flatMap((line) => {
    const pieces = [line.slice(0, width)];
    for (let at = width; at < line.length; at += width - 2) pieces.push(`  ${line.slice(at, at + width - 2)}`);
    return pieces;
  });
  return fitted.slice(0, Math.max(1, rows - 1));
}
