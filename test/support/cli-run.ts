/** Runs the CLI in-process over in-memory files, through the dispatcher (which maps bad input to exit 2). */
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/main';

/** What a CLI run printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `argv` with `files` (path → text; others are missing, ENOENT) as the file system, in `/`. */
export async function runCliOver(files: Readonly<Record<string, string>>, argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    env: {},
    cwd: '/',
  };
  const code = await runCli([...argv], io);
  return { code, stdout, stderr };
}
