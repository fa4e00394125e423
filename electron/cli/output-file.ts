/** Where a command writes its output (`--out FILE`): checked once, before any work, and written without surprises.
 *
 * Every command that writes a file goes through `checkOutputPath` first, so a scan of many
 * regions or a large render never runs only to fail at the end, and through `writeOutputFile`,
 * so a refusal of the file system is a sentence (exit 2), not a stack trace. Folders are never
 * created: a missing one is a typo as often as not, and is reported as such.
 */
import { constants } from 'node:fs';
import { access, chmod, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

import { CliInputError, shown } from './input-error';

/** How `path` reads in a message: as the user wrote it when relative to `cwd`, else absolute. */
function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return shown(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute);
}

async function statOrCode(path: string): Promise<{ isDirectory: boolean } | { code: string }> {
  try {
    const s = await stat(path);
    return { isDirectory: s.isDirectory() };
  } catch (e) {
    return { code: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
}

/** The nearest existing ancestor of `path` that is not a folder, if any (the reason for ENOTDIR). */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    const s = await statOrCode(p);
    if ('isDirectory' in s) return s.isDirectory ? undefined : p;
  }
  return undefined;
}

/**
 * Check that `path` (relative to `cwd`) names a file that can be written: not a folder, in a
 * folder that exists and may be written to. Returns the absolute path; throws `CliInputError`
 * saying what to change otherwise. `example` is a file name to suggest when `path` is a folder.
 */
export async function checkOutputPath(path: string, cwd: string, opts: { flag?: string; example?: string } = {}): Promise<string> {
  const flag = opts.flag ?? '--out';
  const example = opts.example ?? 'out.txt';
  if (path.trim() === '') throw new CliInputError(`${flag} needs a file name, e.g. ${flag} ${example}.`);
  const absolute = resolve(cwd, path);
  const asGiven = shown(path);
  if (path.endsWith('/') || path.endsWith(sep)) {
    throw new CliInputError(`${flag} ${asGiven} names a folder, not a file.`, `Give a file name in it, e.g. ${flag} ${shown(path.replace(/[/\\]+$/, ''))}/${example}.`);
  }
  const target = await statOrCode(absolute);
  if ('isDirectory' in target && target.isDirectory) {
    throw new CliInputError(`${flag} ${asGiven} is a folder, not a file.`, `Give a file name in it, e.g. ${flag} ${asGiven === '.' ? '' : `${asGiven}/`}${example}.`);
  }
  if ('code' in target && target.code !== 'ENOENT') {
    if (target.code === 'ENOTDIR') {
      const file = await fileInTheWay(absolute);
      throw new CliInputError(`cannot write ${asGiven}: ${file ? display(file, cwd) : 'a part of the path'} is a file, not a folder.`, `Give a path inside a folder, e.g. ${flag} ${example}.`);
    }
    if (target.code === 'EACCES' || target.code === 'EPERM') {
      throw new CliInputError(`cannot write ${asGiven}: permission denied on the way to it.`, 'Choose a folder you may write to.');
    }
    throw new CliInputError(`cannot write ${asGiven} (${target.code}).`, 'Choose another path.');
  }
  const folder = dirname(absolute);
  const parent = await statOrCode(folder);
  if ('code' in parent) {
    if (parent.code === 'ENOENT') {
      throw new CliInputError(`cannot write ${asGiven}: the folder ${display(folder, cwd)} does not exist.`, `Create it first (mkdir -p ${display(folder, cwd)}), or write to a folder that exists.`);
    }
    if (parent.code === 'ENOTDIR') {
      const file = (await fileInTheWay(absolute)) ?? folder;
      throw new CliInputError(`cannot write ${asGiven}: ${display(file, cwd)} is a file, not a folder.`, `Give a path inside a folder, e.g. ${flag} ${example}.`);
    }
    throw new CliInputError(`cannot write ${asGiven}: the folder ${display(folder, cwd)} cannot be read (${parent.code}).`, 'Choose a folder you may write to.');
  }
  if (!parent.isDirectory) {
    throw new CliInputError(`cannot write ${asGiven}: ${display(folder, cwd)} is a file, not a folder.`, `Give a path inside a folder, e.g. ${flag} ${example}.`);
  }
  try {
    await access('isDirectory' in target ? absolute : folder, constants.W_OK);
  } catch {
    throw new CliInputError(
      'isDirectory' in target ? `cannot write ${asGiven}: the file may not be written (permission denied).` : `cannot write ${asGiven}: the folder ${display(folder, cwd)} may not be written to (permission denied).`,
      'Choose a folder you may write to.',
    );
  }
  return absolute;
}

/** What a file system refusal means and what to do, or undefined when it is not the user's to fix. */
function refusal(code: string | undefined): { why: string; fix: string } | undefined {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { why: 'permission denied', fix: 'Choose a folder you may write to.' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { why: 'the disk is full', fix: 'Free some space, or write to another disk.' };
    case 'EISDIR':
      return { why: 'it is a folder', fix: 'Give a file name.' };
    case 'ENOTDIR':
    case 'ENOENT':
      return { why: 'its folder cannot hold files', fix: 'Write to a folder that exists.' };
    default:
      return undefined;
  }
}

/** Write `content` to `path` (already checked by `checkOutputPath`); `mode` e.g. 0o755 for a script. */
export async function writeOutputFile(path: string, content: string | Uint8Array, opts: { mode?: number; cwd?: string } = {}): Promise<void> {
  try {
    await writeFile(path, content);
    if (opts.mode !== undefined) await chmod(path, opts.mode);
  } catch (e) {
    const r = refusal((e as NodeJS.ErrnoException).code);
    if (!r) throw e;
    throw new CliInputError(`cannot write ${opts.cwd ? display(path, opts.cwd) : shown(path)}: ${r.why}.`, r.fix);
  }
}
