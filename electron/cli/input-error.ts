/** Bad input to a CLI command, told apart from findings and from bugs.
 *
 * A command throws `CliInputError` for anything the user must change on the command line or on
 * disk (an unknown flag, a snapshot that is not one, an `--out` that cannot be written, an
 * endpoint that names nothing); `runCli` in main.ts prints its sentence and exits 2 (`usage`),
 * never a stack trace. Findings keep their own exit codes (1 for *not reachable*, …).
 */
import { didYouMean } from './nearest-names';

/** Bad input: nothing was done, and the message says what to change. */
export class CliInputError extends Error {
  /** What to do about it, on its own line; default: point at the command's `--help`. */
  readonly fix: string | undefined;
  constructor(message: string, fix?: string) {
    super(message);
    this.name = 'CliInputError';
    this.fix = fix;
  }
}

/** The longest piece of user input echoed in a message. */
const SHOWN_MAX = 80;

/**
 * `text` (a path, an argument, a value read from a file) made safe to print in a message: control
 * characters become `\u…` escapes, so a terminal never interprets them, and anything longer than
 * `max` characters is cut with an ellipsis.
 */
export function shown(text: string, max = SHOWN_MAX): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** An unknown flag, with the nearest of `known` when one is close: "unknown flag --profle; did you mean --profile?". */
export function unknownFlagError(given: string, known: readonly string[]): CliInputError {
  const flag = given.startsWith('--') && given.includes('=') ? given.slice(0, given.indexOf('=')) : given;
  const hint = didYouMean(flag, known);
  return new CliInputError(`unknown flag ${shown(flag, 40)}${hint || '.'}`);
}

/** `text` ending as a sentence: a full stop added unless it already ends with one or a question mark. */
export function asSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** The flags a `node:util` parseArgs options table accepts, as typed: `--name` for each. */
export function flagsOf(options: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(options).map((name) => `--${name}`);
}

/** The first line of `text`: node's own messages sometimes run over several. */
export function oneLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** A `node:util` parseArgs error as a `CliInputError` with a sentence of our own; `options` is the table parsed against. */
export function argumentError(e: unknown, options: Readonly<Record<string, unknown>>): CliInputError {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const quoted = /'([^']*)'/.exec(message)?.[1];
  const option = quoted?.replace(/ <value>$/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return unknownFlagError(option ?? message, flagsOf(options));
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CliInputError(`unexpected argument "${shown(quoted ?? message)}": this command takes options only (e.g. --snapshot FILE).`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(message)) return new CliInputError(`${shown(option ?? '')} needs a value; write a value that starts with "-" as ${shown(option ?? '--option')}=VALUE.`);
      if (/does not take an argument/.test(message)) return new CliInputError(`${shown(option ?? '')} takes no value.`);
      return new CliInputError(`${shown(option ?? '')} needs a value.`);
    default:
      return new CliInputError(shown(oneLine(message), 200));
  }
}
