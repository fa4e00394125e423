/** Markdown (GitHub-flavoured) encoders: inline text, table cells and code.
 *
 * Inline text escapes everything Markdown or HTML would act on (`\`, backticks, emphasis, links
 * and autolinks, strikethrough, pipes, `<`, `>`, `&`), so a name shows as written and cannot end
 * a table cell, become a link or inject HTML. Line breaks would end a table row and other hidden characters disguise text,
 * so all of them are shown as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { revealHidden } from './reveal';

const kit = defineSyntax<'markdown'>();

/** Markdown text: `md\`# Inventory: ${mdText(title)}\``. */
export const md = kit.template;
/** Markdown fragments joined by `separator`. */
export const mdJoin = kit.join;

/** Inline text showing `raw`. */
export function mdText(raw: string): Encoded<'markdown'> {
  return kit.brand(
    revealHidden(raw)
      .replace(/[\\`*_[\]~|#!@]/g, (c) => `\\${c}`)
      // GFM turns `http://…`, `www.…` and addresses into links; an escape keeps them text.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/(w{3})\./gi, '$1\\.')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\t/g, ' '),
  );
}

/** A table cell showing `raw` (`—` when empty). */
export function mdCell(raw: string): Encoded<'markdown'> {
  return raw === '' ? kit.brand('—') : mdText(raw);
}

const CODE_SAFE = /^[A-Za-z0-9:./_ -]+$/;

/** A table cell of ids or CIDRs, each space-separated word in a code span; any other text as `mdCell`. */
export function mdCodeCell(raw: string): Encoded<'markdown'> {
  if (!CODE_SAFE.test(raw)) return mdCell(raw);
  const words = raw.split(' ').filter(Boolean);
  return words.length === 0 ? mdCell('') : kit.brand(words.map((w) => `\`${w}\``).join(' '));
}

/** A fenced code block of `language` holding `body` (mermaid source); the fence is longer than any backtick run inside, so nothing ends it early. */
export function mdFence(language: 'mermaid', body: Encoded<'mermaid'>): Encoded<'markdown'> {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return kit.brand(`${fence}${language}\n${body.replace(/\n+$/, '')}\n${fence}`);
}
