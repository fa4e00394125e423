/** What a CLI command gets from its host instead of reaching for `process`, so tests run commands in-process. */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

/** A writable text stream (process.stdout/stderr or a test buffer). */
export interface TextOut {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * The host of a command. A superset of what `scan` and `export` read (their `CliIo` in
 * commands/scan.ts), plus `readFile`, so one object serves every command.
 */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  /** Read a UTF-8 text file; relative paths are relative to `cwd`. */
  readonly readFile: (path: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly homeDir?: string;
  /** Aborted on Ctrl-C; when absent a command may listen for SIGINT itself. */
  readonly signal?: AbortSignal;
}

/** A subcommand, as commands/index.ts loads it (its name and summary are in that table). */
export interface CliCommand {
  /** The full `--help` text of the command. */
  readonly usage: string;
  /** Run with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** The io of the real process. */
export function createProcessIo(): CliIo {
  const cwd = process.cwd();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (path) => readFile(resolve(cwd, path), 'utf8'),
    env: process.env,
    cwd,
    homeDir: homedir(),
  };
}
