/**
 * Renders a GitHub-flavoured markdown table. Cells are escaped for `|` and line breaks.
 *
 * @param header - column titles
 * @param rows - rows of cells, as many as the header
 * @param align - per column: `l` (default) or `r`
 * @returns the table, ending with a newline
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align = ''): string {
  const clean = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.map(clean).join(' | ')} |`).join('\n') + '\n';
}
