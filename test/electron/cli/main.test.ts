import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import type { CommandTable } from '../../../electron/cli/commands/index';
import type { CliCommand, CliIo } from '../../../electron/cli/io';
import { CLI_EXIT, runCli } from '../../../electron/cli/main';
import { buildAnalysisSnapshot } from '../../support/fixtures/analysis-snapshot';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A command table of our own, to test dispatch without the real (heavy) commands. */
const hello: CliCommand = {
  usage: 'Usage: peerscape hello NAME\n',
  run: async (argv, io) => {
    if (argv[0] === '--help') {
      io.stdout.write('Usage: peerscape hello NAME\n');
      return 0;
    }
    io.stdout.write(`hello ${argv.join(' ')}\n`);
    return argv.length ? 0 : 2;
  },
};
const commands: CommandTable = {
  hello: { summary: 'Say hello', load: async () => hello },
  boom: {
    summary: 'Throw',
    load: async () => ({
      usage: '',
      run: async () => {
        throw new Error('kaboom');
      },
    }),
  },
  broken: {
    summary: 'Cannot load',
    load: async () => {
      throw new Error('Cannot find module "./broken-abc123.js"');
    },
  },
};

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    readFile: async () => '',
    env: {},
    cwd: dir,
  };
  return { code: await runCli(argv, io, commands), stdout, stderr };
}

describe('peerscape dispatch', () => {
  it('runs a command of the table, passing the remaining arguments', async () => {
    expect(await run('hello', 'world')).toEqual({ code: 0, stdout: 'hello world\n', stderr: '' });
    expect((await run('hello')).code).toBe(2);
  });

  it('lists every command with its summary, in name order, without loading any', async () => {
    const r = await run('--help');
    expect(r.code).toBe(CLI_EXIT.ok);
    expect(r.stdout).toMatch(/boom\s+Throw\n\s+broken\s+Cannot load\n\s+hello\s+Say hello\n/);
    expect(r.stderr).toBe('');
  });

  it('says which command failed to load, and why, with exit 2', async () => {
    const r = await run('broken', '--help');
    expect(r.code).toBe(CLI_EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('peerscape: command "broken" failed to load: Cannot find module "./broken-abc123.js"');
  });

  it('prints the list and exits 2 with no command', async () => {
    const r = await run();
    expect(r.code).toBe(CLI_EXIT.usage);
    expect(r.stdout).toContain('Usage: peerscape <command>');
  });

  it('passes "help NAME" on as NAME --help', async () => {
    expect((await run('help', 'hello')).stdout).toBe('Usage: peerscape hello NAME\n');
  });

  it('refuses an unknown command, naming the known ones', async () => {
    const r = await run('deploy');
    expect(r.code).toBe(CLI_EXIT.usage);
    expect(r.stderr).toContain('unknown command "deploy"; commands: boom, broken, hello');
    // Names of the table's own rows only, never what every object inherits.
    for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect((await run(inherited)).stderr, inherited).toContain(`unknown command "${inherited}"`);
    }
  });

  it('refuses an option before the command', async () => {
    expect((await run('--snapshot', 'x')).stderr).toContain('expected a command before "--snapshot"');
  });

  it('turns a thrown error into exit 70 with the message, and its stack only when PEERSCAPE_DEBUG asks', async () => {
    const r = await run('boom');
    expect(r.code).toBe(CLI_EXIT.internal);
    expect(r.stderr).toContain('peerscape boom: internal error: kaboom');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain('PEERSCAPE_DEBUG=1 adds the stack trace');
    let stderr = '';
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, readFile: async () => '', env: { PEERSCAPE_DEBUG: '1' }, cwd: dir };
    expect(await runCli(['boom'], io, commands)).toBe(CLI_EXIT.internal);
    expect(stderr).toMatch(/^\s+at /m);
  });
});

describe('bin/peerscape.js', () => {
  const bin = fileURLToPath(new URL('../../../bin/peerscape.js', import.meta.url));
  const snapshot = join(dir, 's.json');
  writeFileSync(snapshot, JSON.stringify(buildAnalysisSnapshot()));

  it('runs analyze as a real process from another directory, and exits non-zero on a bad snapshot', () => {
    const ok = spawnSync(process.execPath, [bin, 'analyze', '--snapshot', 's.json', '--json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).conflicts.conflicts).toHaveLength(1);

    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": 1}');
    const bad = spawnSync(process.execPath, [bin, 'analyze', '--snapshot', 'bad.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.json is not a valid Peerscape snapshot');
    expect(bad.stderr).toContain('takenAt');
  });

  it('says to run "npm run build" when the CLI is not built, with exit 78', () => {
    const checkout = join(dir, 'fresh-clone');
    mkdirSync(join(checkout, 'bin'), { recursive: true });
    copyFileSync(bin, join(checkout, 'bin', 'peerscape.js'));
    const r = spawnSync(process.execPath, [join(checkout, 'bin', 'peerscape.js'), '--help'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`peerscape: the CLI is not built: ${join(checkout, 'out', 'cli', 'peerscape.js')} is missing.\n  Run "npm run build" in ${checkout} (after "npm install"), then run peerscape again.\n`);
  });
});
