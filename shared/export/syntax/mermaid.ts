/** Mermaid encoders: quoted labels, node ids, style values and the YAML front-matter title.
 *
 * Labels are double-quoted; inside them every character that could end the string, start an
 * entity, Markdown (backticks), HTML (mermaid renders labels as sanitised HTML), a comment
 * (`%%`) or a statement (`;`, `|`) is written as mermaid's `#code;` entity, which mermaid turns
 * back into the character as text. A colon is one too: before parsing, mermaid drops the last `;`
 * of every line matching `style.*:\S*#.*;` or `classDef.*:\S*#.*;`, which would cut the entity of
 * a name such as `lifestyle:a"b`; with no colon in a label that rewrite never reaches one. Hidden
 * characters, line breaks included, show as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { revealHidden } from './reveal';

const kit = defineSyntax<'mermaid'>();

/** Mermaid source: `mmd\`  ${mermaidId(a)} --> ${mermaidId(b)}\``. */
export const mmd = kit.template;
/** Mermaid fragments joined by `separator`. */
export const mmdJoin = kit.join;

const ENTITY: Readonly<Record<string, string>> = {
  '#': '#35;',
  '&': '#38;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '|': '#124;',
  '`': '#96;',
  ';': '#59;',
  '%': '#37;',
  ':': '#58;',
};

function labelText(raw: string): string {
  return revealHidden(raw).replace(/[#&"<>|`;%:]/g, (c) => ENTITY[c]!);
}

/** A quoted label (`"…"`) of one or more lines (joined by `<br/>`), each showing its text. */
export function mermaidLabel(lines: readonly string[]): Encoded<'mermaid'> {
  // Mermaid refuses an empty quoted string; a space shows the same nothing.
  return kit.brand(`"${lines.map(labelText).join('<br/>') || ' '}"`);
}

/** A node or subgraph id: `raw` must be letters, digits and `_`, starting with a letter (never a keyword: callers prefix it). */
export function mermaidId(raw: string): Encoded<'mermaid'> {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(raw) || /^(end|subgraph|graph|flowchart|style|class|classDef|linkStyle|click|direction)$/.test(raw)) {
    throw new Error(`not a safe mermaid id: ${JSON.stringify(raw)}`);
  }
  return kit.brand(raw);
}

/** A style value (`stroke:#aabbcc`, `4 3`): the exporter's own constants only. */
export function mermaidStyle(raw: string): Encoded<'mermaid'> {
  if (!/^[A-Za-z0-9#.,: -]*$/.test(raw)) throw new Error(`not a safe mermaid style value: ${JSON.stringify(raw)}`);
  return kit.brand(raw);
}

/** A YAML double-quoted scalar showing `raw`, for the front matter: JSON escapes are YAML's too, and a backtick is `\u0060`, so the source never holds one. */
export function mermaidYamlString(raw: string): Encoded<'mermaid'> {
  return kit.brand(JSON.stringify(revealHidden(raw)).replace(/`/g, '\\u0060'));
}
