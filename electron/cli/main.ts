/** `peerscape`: the headless CLI. Dispatches `peerscape <command> [args]` to the command of that name in commands/index.ts.
 *
 * `npm run build` bundles this file into out/cli/peerscape.js, which `npx peerscape …`
 * (bin/peerscape.js) runs; `npm run cli -- …` runs it from the sources through tsx.
 */
import { pathToFileURL } from 'node:url';

import { COMMANDS, type CommandTable } from './commands/index';
import { CliInputError, shown } from './input-error';
import type { CliCommand, CliIo } from './io';
import { createProcessIo } from './io';
import { silenceLibraryNotices } from './library-notices';
import { didYouMean } from './nearest-names';
import { terminalLines } from './terminal-text';

/** Exit codes shared by every command. */
export const CLI_EXIT = {
  ok: 0,
  /** Bad input (a `CliInputError`: arguments, an unreadable snapshot, an `--out` that cannot be written): nothing was done. */
  usage: 2,
  /** A bug: the command threw. */
  internal: 70,
} as const;

const HEADER = `Usage: peerscape <command> [options]

Plan, check and run AWS VPC peering from the command line. Every command takes --help.
`;

/** The names in `commands`, sorted. */
function commandNames(commands: CommandTable): string[] {
  return Object.keys(commands).sort();
}

function printHelp(io: CliIo, commands: CommandTable): void {
  const names = commandNames(commands);
  const width = Math.max(8, ...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${commands[n]!.summary}`);
  io.stdout.write(`${HEADER}\nCommands:\n${lines.join('\n')}\n\nRun "peerscape <command> --help" for a command's options.\n`);
}

/** Load the command called `name`, or a sentence saying why it cannot be run. */
async function loadCommand(name: string, commands: CommandTable): Promise<{ ok: true; command: CliCommand } | { ok: false; message: string }> {
  // Own keys only: "constructor" or "toString" name no command.
  if (!Object.hasOwn(commands, name)) {
    const names = commandNames(commands);
    const hint = didYouMean(name, names);
    return { ok: false, message: `unknown command "${shown(name, 40)}"${hint ? `${hint} Commands` : '; commands'}: ${names.join(', ')}` };
  }
  try {
    return { ok: true, command: await commands[name]!.load() };
  } catch (e) {
    return { ok: false, message: `command "${name}" failed to load: ${(e as Error).message}` };
  }
}

/** Run the CLI with `argv` (the arguments after `peerscape`); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: CommandTable = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    printHelp(io, commands);
    return CLI_EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0]) return runCli([rest[0], '--help'], io, commands);
    printHelp(io, commands);
    return CLI_EXIT.ok;
  }
  if (first.startsWith('-')) {
    io.stderr.write(`peerscape: expected a command before "${first}"; run "peerscape --help" for the list\n`);
    return CLI_EXIT.usage;
  }
  const loaded = await loadCommand(first, commands);
  if (!loaded.ok) {
    io.stderr.write(`peerscape: ${loaded.message}\n  Run "peerscape --help" for the list of commands.\n`);
    return CLI_EXIT.usage;
  }
  try {
    return await loaded.command.run(rest, io);
  } catch (e) {
    if (e instanceof CliInputError) {
      // A message may quote a snapshot or an endpoint's answer: its lines are shown through terminalLines.
      io.stderr.write(`peerscape ${first}: ${terminalLines(e.message)}\n  ${terminalLines(e.fix ?? `Run "peerscape ${first} --help" for the options.`)}\n`);
      return CLI_EXIT.usage;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    // A bug: the stack helps a report, but only when asked for.
    const stack = io.env.PEERSCAPE_DEBUG ? `${err.stack ?? ''}\n` : '';
    io.stderr.write(`peerscape ${first}: internal error: ${terminalLines(err.message)}\n${stack}  Please report this with the command line you ran${stack ? '' : ' (PEERSCAPE_DEBUG=1 adds the stack trace)'}.\n`);
    return CLI_EXIT.internal;
  }
}

/** Run the CLI for this process (the bundle bin/peerscape.js loads, and `npm run cli`, call it). */
export async function main(argv: readonly string[] = process.argv.slice(2), io: CliIo = createProcessIo()): Promise<number> {
  silenceLibraryNotices();
  return runCli(argv, io);
}

// `tsx electron/cli/main.ts …` (npm run cli) runs this file directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
