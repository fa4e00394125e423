/** `peerscape scan --organization`: the sandbox organisation scanned from one sign-in, a progress
 * line on a terminal (plain lines otherwise), and a non-zero exit listing each failed account ×
 * region with its cause and fix. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEMO_SCENARIO } from '@peerscape/sandbox-cloud';
import { parseScanArgs, runScan, SCAN_EXIT, type CliIo } from '../../../electron/cli/commands/scan';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';

const DEV = '777788889999';
const PROD = '444455556666';

function bufferIo(cwd: string, tty: boolean): CliIo & { err: () => string } {
  let err = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 200 },
    env: {},
    cwd,
    homeDir: cwd,
    signal: new AbortController().signal,
    now: () => new Date('2026-12-07T12:00:00Z'),
    err: () => err,
  };
}

/** The demo without PeerscapeReadOnly in the dev account, and an SCP denying prod us-west-2. */
function troubledScenarioFile(dir: string): string {
  const demo = JSON.parse(JSON.stringify(DEMO_SCENARIO)) as { accounts: { id: string; roles?: { name: string }[] }[]; denyActions?: unknown[]; name: string };
  for (const a of demo.accounts) if (a.id === DEV) a.roles = (a.roles ?? []).filter((r) => r.name !== 'PeerscapeReadOnly');
  demo.denyActions = [{ action: '*', kind: 'scp', account: PROD, region: 'us-west-2' }];
  demo.name = 'troubled';
  const file = join(dir, 'troubled.json');
  writeFileSync(file, JSON.stringify(demo));
  return file;
}

describe('peerscape scan --organization', () => {
  it('parses the organisation flags, and refuses them without --organization or with several profiles', () => {
    expect(parseScanArgs(['--organization', '--profile', 'mgmt', '--role', 'R', '--external-id', 'x-42', '--ou', 'ou-ab12-cd34ef56,r-ab12', '--allow-organization-account-access-role'])).toEqual({
      ok: true,
      args: {
        organization: { ous: ['ou-ab12-cd34ef56', 'r-ab12'], allowOrganizationAccountAccessRole: true, roleName: 'R', externalId: 'x-42' },
        profiles: ['mgmt'],
        regions: [],
        help: false,
      },
    });
    expect(parseScanArgs(['--role', 'R'])).toMatchObject({ ok: false, message: expect.stringContaining('go with --organization') });
    expect(parseScanArgs(['--organization', '--profile', 'a,b'])).toMatchObject({ ok: false, message: expect.stringContaining('exactly one --profile') });
  });

  it('scans the sandbox organisation and exits 1 listing each failed account × region with its cause and fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-scan-org-'));
    const scenario = troubledScenarioFile(dir);
    const io = bufferIo(dir, true);
    const code = await runScan(['--sandbox', scenario, '--organization', '--profile', 'sandbox-network', '--region', 'us-east-1,us-west-2', '--out', 'org.json'], io);
    expect(code).toBe(SCAN_EXIT.partial);
    const err = io.err();
    // One progress line, rewritten in place.
    expect(err).toContain('\r\u001b[2KScanning organisation: accounts ');
    expect(err).toMatch(/Scanning organisation: accounts 4\/4 · regions \d+\/8 done/);
    expect(err).toContain(`FAILED account ${DEV} (Development) us-east-1 [role-missing]`);
    expect(err).toContain('peerscape role-template');
    expect(err).toContain(`FAILED account ${PROD} (Production) us-west-2 [scp-denied]`);
    const parsed = parseSnapshot(readFileSync(join(dir, 'org.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.snapshot.organization?.accounts.length).toBe(5);

    // Without a terminal: plain lines, one per account.
    const plain = bufferIo(dir, false);
    expect(await runScan(['--sandbox', scenario, '--organization', '--profile', 'sandbox-network', '--region', 'us-east-1', '--out', 'org2.json'], plain)).toBe(SCAN_EXIT.partial);
    expect(plain.err()).not.toContain('\r');
    expect(plain.err()).toMatch(/^Account 444455556666 \(Production, Workloads\/Production\): 1\/1 regions$/m);
    expect(plain.err()).toMatch(/^Account 777788889999 \(Development, Workloads\/Development\): 0\/1 regions, 1 failed$/m);
  });

  it('exits 0 when every active account loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-scan-org-'));
    const io = bufferIo(dir, false);
    const code = await runScan(['--sandbox', 'demo', '--organization', '--profile', 'sandbox-network', '--region', 'us-east-1', '--out', 'org.json'], io);
    expect(io.err()).not.toContain('FAILED');
    expect(code).toBe(SCAN_EXIT.ok);
  });
});
