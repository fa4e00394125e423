/** HCL (Terraform) encoders: string literals, comments and identifiers.
 *
 * A quoted HCL string is a template: `${` and `%{` start an interpolation or a directive, so
 * they are written `$${` and `%%{`. Its escapes are `\\`, `\"`, `\n`, `\r`, `\t`, `\uNNNN` and
 * `\UNNNNNNNN` (JSON's `\b` and `\f` are not HCL). A `#` comment ends at the line break, so a
 * comment shows line breaks and every other hidden character as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { isHiddenChar, revealHidden } from './reveal';

const kit = defineSyntax<'hcl'>();

/** HCL text: `hcl\`  vpc_id = ${hclString(id)}\``. */
export const hcl = kit.template;
/** HCL fragments joined by `separator`. */
export const hclJoin = kit.join;

/** A quoted HCL string whose value is exactly `raw`, never a template (lone surrogates become U+FFFD). */
export function hclString(raw: string): Encoded<'hcl'> {
  let out = '"';
  for (const ch of raw) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (isHiddenChar(ch)) out += unicodeEscape(ch);
    else out += ch;
  }
  out += '"';
  // `${` and `%{` become `$${` and `%%{`; in `$${` the first `$` stays literal, so any run works.
  return kit.brand(out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'));
}

function unicodeEscape(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\uFFFD';
  return cp > 0xffff ? `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text of a `#` comment: one line, whatever `raw` holds. */
export function hclComment(raw: string): Encoded<'hcl'> {
  return kit.brand(revealHidden(raw));
}

/** An HCL identifier (resource name, provider alias); `raw` must already be one, else this is a bug. */
export function hclIdent(raw: string): Encoded<'hcl'> {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(raw)) throw new Error(`not an HCL identifier: ${JSON.stringify(raw)}`);
  return kit.brand(raw);
}
