/** Graphviz DOT encoders: quoted ids and multi-line labels.
 *
 * Everything is a double-quoted string: inside one only `"` and a backslash need escaping.
 * Labels are escStrings, where `\n`, `\l`, `\N`, `\G`… mean something, so every backslash of the
 * data is doubled and only the exporter's own line breaks are `\n`. Hidden characters,
 * line breaks of the data included, are shown as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { revealHidden } from './reveal';

const kit = defineSyntax<'dot'>();

/** DOT source: `dot\`  ${dotId(a)} -> ${dotId(b)} [label=${dotLabel([id])}];\``. */
export const dot = kit.template;
/** DOT fragments joined by `separator`. */
export const dotJoin = kit.join;

function quotedBody(raw: string): string {
  return revealHidden(raw).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A quoted id or attribute value showing `raw`. */
export function dotId(raw: string): Encoded<'dot'> {
  return kit.brand(`"${quotedBody(raw)}"`);
}

/** A quoted label of one or more lines, each showing its text. */
export function dotLabel(lines: readonly string[]): Encoded<'dot'> {
  return kit.brand(`"${lines.map(quotedBody).join('\\n')}"`);
}
