/** Characters that hide or disguise text, and how every export shows them instead.
 *
 * A Name tag may hold controls (a line break ends a comment; ESC drives a terminal), bidi
 * overrides and isolates (U+202E shows `abc` as `cba`, so a reviewer reads something other
 * than what is there), zero-width and other format characters, line and paragraph separators,
 * and, in a hand-edited snapshot, lone surrogates or non-characters. Exports never pass them on
 * silently: display text (labels, comments, cells) shows each as `<U+202E>`, and string
 * literals that can spell a character exactly (HCL, JSON, `$'…'`) use their own escape.
 */

/**
 * Controls, format characters (bidi marks, overrides and isolates, zero-width characters, soft
 * hyphen, BOM, tag characters), line and paragraph separators, lone surrogates, the two
 * non-characters XML forbids, and the blank "filler" letters of Hangul.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFE\uFFFF\u115F\u1160\u3164\uFFA0]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

/** True when `ch` (one code point) is a character exports must not pass on as it is. */
export function isHiddenChar(ch: string): boolean {
  return HIDDEN.test(ch);
}

/** `<U+202E>`: how display text shows a hidden character. */
export function revealedForm(ch: string): string {
  return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Options of `revealHidden`. */
export interface RevealOptions {
  /** Line breaks (`\n`, `\r`) stay as they are: only where the syntax quotes them (CSV). */
  readonly keepLineBreaks?: boolean;
}

/**
 * Display text with every hidden character shown as `<U+XXXX>`. Tabs stay (whitespace every
 * syntax can carry); line breaks are shown too unless `keepLineBreaks`.
 */
export function revealHidden(raw: string, opts: RevealOptions = {}): string {
  return raw.replace(HIDDEN_ALL, (ch) => (ch === '\t' || (opts.keepLineBreaks && (ch === '\n' || ch === '\r')) ? ch : revealedForm(ch)));
}
