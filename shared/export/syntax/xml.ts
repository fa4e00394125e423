/** XML encoders (SVG, draw.io): character data, attribute values and numbers.
 *
 * `&`, `<`, `>`, `"` and `'` become entities, so text can end neither an element nor an
 * attribute and no `]]>`, `-->` or markup it holds means anything. Every hidden character is
 * shown as `<U+XXXX>`: XML 1.0 forbids most controls anyway, a line break in an attribute would
 * be normalised to a space, and a bidi override would make a label read differently.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { revealHidden } from './reveal';

const kit = defineSyntax<'xml'>();

/** XML markup: `xml\`<text x="${xmlNum(x)}">${xmlText(name)}</text>\``. */
export const xml = kit.template;
/** XML fragments joined by `separator`. */
export const xmlJoin = kit.join;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Character data showing `raw`. */
export function xmlText(raw: string): Encoded<'xml'> {
  return kit.brand(escape(revealHidden(raw)));
}

/** An attribute value (inside `"…"`) showing `raw`; a tab is kept as `&#x9;`. */
export function xmlAttr(raw: string): Encoded<'xml'> {
  return kit.brand(escape(revealHidden(raw)).replace(/\t/g, '&#x9;'));
}

/** An attribute value of several lines, joined by real line breaks (`&#xa;`); each line shows its own breaks as `<U+000A>`. */
export function xmlAttrLines(lines: readonly string[]): Encoded<'xml'> {
  return kit.brand(lines.map((l) => xmlAttr(l)).join('&#xa;'));
}

/** A number for an attribute: at most one decimal, no `-0`. */
export function xmlNum(n: number): Encoded<'xml'> {
  const r = Math.round(n * 10) / 10;
  return kit.brand(Object.is(r, -0) ? '0' : String(r));
}
