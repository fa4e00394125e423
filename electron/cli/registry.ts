/** The subcommands of `peerscape`: every file in electron/cli/commands/, found at run time.
 *
 * A command is a file `commands/<name>.ts` whose default export is a `CliCommand`, so adding
 * `scan` or `export` needs no change here. Only the command asked for is loaded: `scan` pulls in
 * the AWS SDK and `export` a PNG renderer, which `analyze` should not wait for.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { CliCommand } from './io';

/** Where command files live. */
export const COMMANDS_DIR = new URL('./commands/', import.meta.url);

/** The command names available in `dir`: file names without `.ts`/`.js` (tests and declarations excluded). */
export async function listCommandNames(dir: URL = COMMANDS_DIR): Promise<readonly string[]> {
  const files = await readdir(fileURLToPath(dir));
  return files
    .filter((f) => /^[a-z][a-z0-9-]*\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js|mjs)$/, ''))
    .sort();
}

/** True when `value` has the shape of a `CliCommand`. */
export function isCliCommand(value: unknown): value is CliCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.summary === 'string' && typeof v.usage === 'string' && typeof v.run === 'function';
}

/** Load one command by name; a sentence saying what is wrong when it cannot be. */
export async function loadCommand(name: string, dir: URL = COMMANDS_DIR): Promise<{ ok: true; command: CliCommand } | { ok: false; message: string }> {
  const names = await listCommandNames(dir);
  if (!names.includes(name)) return { ok: false, message: `unknown command "${name}"; commands: ${names.join(', ')}` };
  const file = (await readdir(fileURLToPath(dir))).find((f) => f.replace(/\.(ts|js|mjs)$/, '') === name)!;
  let module: Record<string, unknown>;
  try {
    module = (await import(new URL(file, dir).href)) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, message: `command "${name}" failed to load: ${(e as Error).message}` };
  }
  // The default export, or (for a module written as loose exports) the module itself.
  const command = isCliCommand(module.default) ? module.default : isCliCommand(module) ? (module as unknown as CliCommand) : undefined;
  if (!command) return { ok: false, message: `commands/${file} does not export a command ({ name, summary, usage, run }) as its default export` };
  return { ok: true, command };
}

/** Load every command, skipping (and reporting) any that fail, for `peerscape --help`. */
export async function loadAllCommands(dir: URL = COMMANDS_DIR): Promise<{ commands: readonly CliCommand[]; problems: readonly string[] }> {
  const commands: CliCommand[] = [];
  const problems: string[] = [];
  for (const name of await listCommandNames(dir)) {
    const r = await loadCommand(name, dir);
    if (r.ok) commands.push(r.command);
    else problems.push(r.message);
  }
  return { commands, problems };
}
