/** CSV encoders (RFC 4180): cells, rows and the file.
 *
 * A cell is quoted when it holds a quote, comma or line break, or starts or ends with a space;
 * quotes are doubled. Text a spreadsheet would run as a formula (first character `=`, `+`, `-`,
 * `@`, tab, CR or LF, or one of `=+-@` after leading spaces) gets a leading apostrophe (OWASP
 * "CSV Injection"), since names and tags come from whoever can tag a VPC. Line breaks stay
 * (quoted); every other hidden character is shown as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { revealHidden } from './reveal';

const kit = defineSyntax<'csv'>();

/** One CSV field showing `raw`. */
export function csvCell(raw: string): Encoded<'csv'> {
  const shown = revealHidden(raw, { keepLineBreaks: true });
  const safe = /^(?:[\t\r\n]| *[=+\-@])/.test(shown) ? `'${shown}` : shown;
  return kit.brand(/[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe);
}

/** One record. */
export function csvRow(cells: readonly Encoded<'csv'>[]): Encoded<'csv'> {
  return kit.join(cells, kit.brand(','));
}

/** A whole file: a UTF-8 byte order mark (Excel reads accents right with it), CRLF after every record. */
export function csvFile(rows: readonly Encoded<'csv'>[]): Encoded<'csv'> {
  return kit.brand('\uFEFF' + rows.map((r) => `${r}\r\n`).join(''));
}
