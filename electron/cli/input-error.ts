/** Bad input to a CLI command, told apart from findings and from bugs.
 *
 * A command throws `CliInputError` for anything the user must change on the command line or on
 * disk (an unknown flag, a snapshot that is not one, an `--out` that cannot be written, an
 * endpoint that names nothing); `runCli` in main.ts prints its sentence and exits 2 (`usage`),
 * never a stack trace. Findings keep their own exit codes (1 for *not reachable*, …).
 */

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

/** The first line of `text`: node's own messages sometimes run over several. */
export function oneLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** A `node:util` parseArgs error as a `CliInputError` with a sentence of our own. */
export function argumentError(e: unknown): CliInputError {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const quoted = /'([^']*)'/.exec(message)?.[1];
  const option = quoted?.replace(/ <value>$/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliInputError(`unknown option ${shown(option ?? message)}.`);
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
