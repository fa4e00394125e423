/** Bad input through the real `peerscape` process: exit 2 and one sentence, never a stack trace; exit 1 stays for findings. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { buildAnalysisSnapshot } from '../../support/fixtures/analysis-snapshot';
import { TOPOLOGY_SCHEMA_VERSION } from '../../../shared/model/topology';

const bin = fileURLToPath(new URL('../../../bin/peerscape.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'peerscape-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = buildAnalysisSnapshot();
writeFileSync(join(dir, 's.json'), JSON.stringify(snapshot));
writeFileSync(join(dir, 'notes.txt'), 'not a folder\n');
mkdirSync(join(dir, 'exports'));
writeFileSync(join(dir, 'newer.json'), JSON.stringify({ ...snapshot, schemaVersion: TOPOLOGY_SCHEMA_VERSION + 1 }));
writeFileSync(join(dir, 'older.json'), JSON.stringify({ ...snapshot, schemaVersion: 0 }));
// A PNG header, then bytes of every value: what a user gets by passing an image as the snapshot.
const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))]);
writeFileSync(join(dir, 'image.json'), binary);
// Text, but not JSON, and long: no excerpt of it belongs in the message.
writeFileSync(join(dir, 'long.json'), `{"takenAt": "2026",\n  "source" "${'x'.repeat(100_000)}"}`);

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `peerscape ARGS` in the test folder as a real process. */
function peerscape(...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, PEERSCAPE_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command's own lines on stderr: the lines it writes start with "peerscape" or an indent. */
function ownLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('peerscape') || l.startsWith('  '))
    .join('\n');
}

/** Exit 2, a message matching `message`, no stack trace, no control character, nothing on stdout. */
function expectBadInput(r: Ran, message: RegExp): void {
  expect(r.stderr, r.stderr).toMatch(message);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
  // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
  expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(ownLines(r.stderr).length).toBeLessThan(600);
  expect(r.stdout).toBe('');
}

describe('--out', () => {
  it.each([
    ['svg', ['--format', 'svg']],
    ['png', ['--format', 'png']],
    ['csv tables', ['--format', 'csv']],
  ])('refuses a path under an existing file (%s)', async (_, format) => {
    const r = await peerscape('export', '--snapshot', 's.json', ...format, '--out', 'notes.txt/diagram.out');
    expectBadInput(r, /cannot write notes\.txt\/diagram\.out: notes\.txt is a file, not a folder/);
  });

  it('refuses a folder, with or without a trailing slash', async () => {
    expectBadInput(await peerscape('export', '--snapshot', 's.json', '--format', 'svg', '--out', 'exports'), /--out exports is a folder, not a file/);
    expectBadInput(await peerscape('export', '--snapshot', 's.json', '--format', 'md', '--out', 'exports/'), /--out exports\/ names a folder, not a file/);
  });

  it('says a missing folder does not exist, and does not create it', async () => {
    const svg = await peerscape('export', '--snapshot', 's.json', '--format', 'svg', '--out', 'missing/deeper/d.svg');
    expectBadInput(svg, /the folder missing\/deeper does not exist/);
    expect(svg.stderr).toContain('mkdir -p missing/deeper');
    const csv = await peerscape('export', '--snapshot', 's.json', '--format', 'csv', '--out', 'missing/inventory.csv');
    expectBadInput(csv, /the folder missing does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('is checked by scan before anything is scanned', async () => {
    expectBadInput(await peerscape('scan', '--sandbox', 'demo', '--out', 'notes.txt/s.json'), /notes\.txt is a file, not a folder/);
    expectBadInput(await peerscape('scan', '--sandbox', 'demo', '--out', 'nowhere/s.json'), /the folder nowhere does not exist/);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

describe('explain endpoints', () => {
  it.each([
    [['vpc-0nope', 'vpc-a'], /FROM vpc-0nope is not a VPC in the snapshot/],
    [['vpc-a', 'subnet-0nope'], /TO subnet-0nope is not a subnet in the snapshot/],
    [['prod-web', 'vpc-a'], /FROM "prod-web" is not a VPC id, a subnet id, an IP address, or the name of a VPC or subnet/],
    [['10.0.0.300', 'vpc-a'], /FROM 10\.0\.0\.300 is not a valid IP address: "300" in "10\.0\.0\.300" is over 255/],
    [['vpc-a', '172.31.9.9'], /TO 172\.31\.9\.9 is in no VPC of the snapshot/],
    [['vpc-a', 'vpc-b', '--source-sg', 'sg-0nope'], /--source-sg names a security group the snapshot does not have: sg-0nope/],
  ])('exits 2 for %j', async (endpoints, message) => {
    expectBadInput(await peerscape('explain', '--snapshot', 's.json', ...endpoints), message);
  });

  it('takes a Name tag for the VPC it names, and keeps exit 1 for a real "not reachable"', async () => {
    const named = await peerscape('explain', '--snapshot', 's.json', 'app', 'reports');
    expect(named.stdout).toContain('app (vpc-a) → reports (vpc-d) (any traffic): NOT REACHABLE');
    expect(named.stdout).toContain('not transitive');
    expect(named.code).toBe(1);
  });
});

describe('snapshots that are not this version’s', () => {
  it('asks to upgrade Peerscape for a snapshot from a newer schema', async () => {
    expectBadInput(await peerscape('analyze', '--snapshot', 'newer.json'), new RegExp(`cannot open newer\\.json: it was written by a newer Peerscape \\(schemaVersion ${TOPOLOGY_SCHEMA_VERSION + 1}; this one reads versions 1 to ${TOPOLOGY_SCHEMA_VERSION}\\): upgrade Peerscape`));
  });

  it('keeps its message for an older one', async () => {
    const r = await peerscape('analyze', '--snapshot', 'older.json');
    expectBadInput(r, new RegExp(`schemaVersion 0 is not supported \\(this Peerscape reads versions 1 to ${TOPOLOGY_SCHEMA_VERSION}\\); rescan`));
    expect(r.stderr).not.toContain('upgrade');
  });
});

describe('files that are not JSON', () => {
  it.each([
    ['analyze', ['--snapshot', 'image.json']],
    ['explain', ['--snapshot', 'image.json', 'vpc-a', 'vpc-b']],
    ['export', ['--snapshot', 'image.json', '--format', 'md']],
  ])('%s says a binary file is not a JSON snapshot without echoing its bytes', async (command, args) => {
    const r = await peerscape(command, ...args);
    expectBadInput(r, /image\.json is not a valid Peerscape snapshot: it holds binary data .*not JSON text/);
    expect(r.stderr).not.toContain('PNG');
    expect(r.stderr).not.toContain('\ufffd');
  });

  it('says where a long text stops being JSON without quoting it', async () => {
    const r = await peerscape('analyze', '--snapshot', 'long.json');
    expectBadInput(r, /long\.json is not a valid Peerscape snapshot: it is not JSON \(the text stops being JSON at line 2, column 12\)/);
    expect(r.stderr).not.toContain('xxxx');
  });
});

describe('ids the snapshot does not have', () => {
  it('exits 2 for an unknown peering or VPC, and 3 only for an export AWS would refuse', async () => {
    expectBadInput(await peerscape('export', '--snapshot', 's.json', '--format', 'mermaid', '--peerings', 'pcx-0nope'), /the snapshot has no peering pcx-0nope/);
    expectBadInput(await peerscape('export', '--snapshot', 's.json', '--format', 'tf', '--plan', 'vpc-0nope:vpc-a'), /--plan names a VPC the snapshot does not have: vpc-0nope/);
    // vpc-a and vpc-c overlap (10.0.0.0/16): a finding about the network, not bad input.
    const overlap = await peerscape('export', '--snapshot', 's.json', '--format', 'tf', '--plan', 'vpc-a:vpc-c');
    expect(overlap.code).toBe(3);
  });
});

describe('arguments', () => {
  it.each([
    [['analyze', 's.json'], /unexpected argument "s\.json"/],
    [['analyze', '--snapshot', 's.json', '--limit', '-1'], /--limit needs a value; write a value that starts with "-" as --limit=VALUE/],
    [['analyze', '--snapshot', 's.json', '--bogus'], /unknown flag --bogus\./],
    [['export', '--snapshot', 's.json', '--out', '--format', 'svg'], /--out needs a value/],
    [['export', '--snapshot', 's.json', '--format', 'pdf'], /--format must be one of svg, png/],
  ])('%j exits 2 with a sentence', async (argv, message) => {
    expectBadInput(await peerscape(...argv), message);
  });

  it.each([
    [['scan', '--profle', 'prod'], 'peerscape scan: unknown flag --profle; did you mean --profile?'],
    [['scan', '--sandbox', 'demo', '--regoin=eu-west-1'], 'peerscape scan: unknown flag --regoin; did you mean --region?'],
    [['analyze', '--snapshot', 's.json', '--jsno'], 'peerscape analyze: unknown flag --jsno; did you mean --json?'],
    [['explain', '--snap', 's.json', 'vpc-a', 'vpc-b'], 'peerscape explain: unknown flag --snap; did you mean --snapshot?'],
    [['export', '--snapshot', 's.json', '--fromat', 'svg'], 'peerscape export: unknown flag --fromat; did you mean --format?'],
    [['scna', '--sandbox', 'demo'], 'peerscape: unknown command "scna"; did you mean scan? Commands: analyze, explain, export, reach, role-template, scan'],
  ])('%j suggests the nearest flag or command', async (argv, line) => {
    const r = await peerscape(...argv);
    expectBadInput(r, /unknown/);
    expect(r.stderr.split('\n')[0]).toBe(line);
  });
});
