/** Writes that survive a killed process and a power cut: lines appended and flushed (fsync), and
 * whole files replaced atomically (temp file, fsync, rename, fsync of the folder).
 *
 * A file whose last line was torn (the process died while writing it) gets a newline before the
 * next append, so the torn line stays one unreadable line instead of swallowing the next one.
 */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flush a folder's entries (a new or renamed file in it) to disk; not possible on Windows, where it is skipped. */
export async function syncFolder(folder: string): Promise<void> {
  let fh;
  try {
    fh = await open(folder, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Append `text` (whole lines) to `path` and flush it to disk before returning. */
export async function appendDurably(path: string, text: string, mode = 0o600): Promise<void> {
  const fh = await open(path, 'a', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** True when `path` exists, is not empty, and its last byte is not a newline (a torn last line). */
export async function endsMidLine(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
    const { size } = await fh.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await fh.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  } finally {
    await fh?.close();
  }
}

/** Replace `path` with `text` atomically: a reader sees the old file or the new one, never a mix. */
export async function writeFileAtomically(path: string, text: string, mode = 0o600): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncFolder(dirname(path));
}
