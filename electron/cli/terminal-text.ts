/** Text the CLI prints to a terminal about a snapshot or AWS: names, tags, messages, ids.
 *
 * Tags, names and an endpoint's error messages may hold ESC (which starts a terminal escape
 * sequence: colours, a window title, a cleared screen, OSC 8 links), the C1 CSI, a carriage return
 * (which sends the cursor back to overwrite the line), a line break (a fake row), bidi overrides
 * and other hidden characters. Every piece of such text is printed through `terminalText`, which
 * shows each of them as `<U+001B>`, as the exports do, so a terminal never acts on it and the
 * reader sees that it is there.
 */
import { revealHidden } from '../../shared/export/syntax/reveal';

/** One line of display text showing `raw`: every hidden character (but a tab) as `<U+XXXX>`. */
export function terminalText(raw: string): string {
  return revealHidden(raw);
}

/** Lines the CLI composed itself, holding data: each line as `terminalText`, the line breaks between them kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}
