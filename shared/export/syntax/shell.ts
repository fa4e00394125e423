/** Bash encoders: words, comments and JSON arguments.
 *
 * A word is left bare only when it is made of characters the shell never interprets; else it is
 * single-quoted (nothing expands inside `'…'`; a `'` is written `'\''`). A word that holds a line
 * break or another hidden character is written `$'…'` instead, with `\n`, `\t` and `\xHH` per
 * UTF-8 byte (bash 3.2 knows these), so the script passes exactly that text and the reviewer
 * sees it. Bash strings cannot hold NUL, so a NUL is shown as `<U+0000>`. Comments end at a line
 * break, so they show line breaks and every other hidden character as `<U+XXXX>`.
 */
import type { Encoded } from './encoded';
import { defineSyntax } from './encoded';
import { isHiddenChar, revealedForm, revealHidden } from './reveal';

const kit = defineSyntax<'shell'>();

/** Bash text: `sh\`aws ec2 create-route --route-table-id ${shellWord(id)}\``. */
export const sh = kit.template;
/** Bash fragments joined by `separator`. */
export const shJoin = kit.join;

const BARE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** One shell word whose value is exactly `raw`. */
export function shellWord(raw: string): Encoded<'shell'> {
  if (BARE.test(raw)) return kit.brand(raw);
  if (![...raw].some((ch) => ch !== '\t' && isHiddenChar(ch))) return kit.brand(`'${raw.replace(/'/g, `'\\''`)}'`);
  let out = "$'";
  for (const ch of raw) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += revealedForm(ch);
    else if (isHiddenChar(ch)) out += utf8Escapes(ch);
    else out += ch;
  }
  return kit.brand(`${out}'`);
}

function utf8Escapes(ch: string): string {
  const cp = ch.codePointAt(0)!;
  // A lone surrogate has no UTF-8 form: pass U+FFFD, as a UTF-8 decoder would.
  const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
  const bytes =
    c < 0x80 ? [c]
    : c < 0x800 ? [0xc0 | (c >> 6), 0x80 | (c & 63)]
    : c < 0x10000 ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
    : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return bytes.map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** The text of a `#` comment: one line, whatever `raw` holds. */
export function shellComment(raw: string): Encoded<'shell'> {
  return kit.brand(revealHidden(raw));
}

/**
 * JSON of `value` as one shell word (for `--tag-specifications` and the like). Hidden
 * characters are JSON `\uXXXX` escapes, which the AWS CLI decodes to the same text, so the word
 * is a plain single-quoted one a reviewer can read.
 */
export function shellJson(value: unknown): Encoded<'shell'> {
  return shellWord(cliJsonText(value));
}

/** The JSON text `shellJson` quotes: hidden characters as `\uXXXX` escapes, a lone surrogate as U+FFFD. */
export function cliJsonText(value: unknown): string {
  // A lone surrogate has no UTF-8 form: U+FFFD, as for words.
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' ? v.replace(/\p{Cs}/gu, '\uFFFD') : v)).replace(/[^\x20-\x7E]/gu, (ch) => (isHiddenChar(ch) ? jsonEscape(ch) : ch));
}

function jsonEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
