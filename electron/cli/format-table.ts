/** Plain-text tables for terminal output: padded columns, no colour (pipes and CI logs stay clean). */
import { terminalText } from './terminal-text';

/** Render `rows` under `headers`, each column as wide as its widest cell; the last column is not padded. Cells show hidden characters (`terminalText`). */
export function formatTable(rawHeaders: readonly string[], rawRows: readonly (readonly string[])[], indent = '  '): string {
  const headers = rawHeaders.map(terminalText);
  const rows = rawRows.map((r) => r.map(terminalText));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** "1 conflict" / "3 conflicts". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : pluralWord}`;
}
