/** An SCP that denies sts:AssumeRole in some regions (an `aws:RequestedRegion` condition), met by
 * an organisation scan through the real SDK against the sandbox: the session comes from another
 * region's STS endpoint and the cells say which region refused and why, while an identity
 * policy's deny or a missing role still fails the account at once.
 *
 * SCPs do not apply to the management account, so the sign-in here is a delegated administrator
 * (the data account) whose account the SCP governs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, type ScenarioInput } from '@peerscape/sandbox-cloud';
import { startSandbox, type SandboxHandle } from '@peerscape/sandbox-cloud/testing';
import type { RegionCoverage, Snapshot } from '../../../shared/model/snapshot';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { sessionOriginNote } from '../../../electron/organization/role-sessions';

const NET = '111122223333';
const PROD = '444455556666';
const DATA = '246813579024';
const REGIONS = ['us-east-1', 'eu-west-1'];

/** The demo with the data account registered as a delegated administrator, trusted by every account's read-only role. */
function delegatedDemo(): ScenarioInput {
  const demo = DEMO_SCENARIO as unknown as ScenarioInput;
  return {
    ...demo,
    name: 'delegated-demo',
    organization: { ...demo.organization!, delegatedAdministrators: ['sandbox-data'] },
    accounts: demo.accounts.map((a) => ({
      ...a,
      roles: (a.roles ?? []).map((r) => (r.name === 'PeerscapeReadOnly' ? { ...r, trust: [...(r.trust ?? []), DATA] } : r)),
    })),
  } as ScenarioInput;
}

function cellsOf(s: Snapshot, account: string): Record<string, RegionCoverage> {
  return Object.fromEntries(s.coverage.filter((c) => c.accountId === account).map((c) => [c.region, c]));
}

describe('AssumeRole denied by a region-scoped SCP', () => {
  let sb: SandboxHandle;
  let env: Record<string, string>;
  let home: string;
  const now = () => new Date('2026-12-08T12:00:00Z');
  const scan = async () => {
    const r = await runDiscovery({ organization: { profile: 'sandbox-data', regions: REGIONS } }, { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const assumed = () => sb.server.stats().byAction['sts:AssumeRole'] ?? 0;

  beforeAll(async () => {
    sb = await startSandbox({ scenario: delegatedDemo() });
    home = mkdtempSync(join(tmpdir(), 'peerscape-org-scp-'));
    const files = await sb.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  });

  afterAll(async () => {
    await sb?.stop();
  });

  it('takes the session from the next region when an SCP denies AssumeRole in the first, and says which region refused and why', async () => {
    // The sign-in's region, us-east-1, is each account's first; the SCP denies AssumeRole there only.
    sb.server.setFaults({ denyActions: [{ action: 'sts:AssumeRole', kind: 'scp', accountId: DATA, region: 'us-east-1' }] });
    const s = await scan();
    for (const account of [NET, PROD, DATA]) {
      const cells = cellsOf(s, account);
      for (const region of ['*', ...REGIONS]) {
        expect(cells[region], `${account} ${region}`).toMatchObject({
          state: 'complete',
          message: "A service control policy of the sign-in's account denies sts:AssumeRole in us-east-1: its session came from STS in eu-west-1.",
        });
      }
    }
    // The session from eu-west-1's endpoint scans us-east-1 too.
    expect(s.topology.vpcs.some((v) => v.accountId === PROD && v.region === 'us-east-1')).toBe(true);
  });

  it('fails the account as the SCP denies when every region denies, naming the SCP', async () => {
    sb.server.setFaults({ denyActions: [{ action: 'sts:AssumeRole', kind: 'scp', accountId: DATA }] });
    const s = await scan();
    const prod = cellsOf(s, PROD);
    for (const region of REGIONS) {
      expect(prod[region]?.state).toBe('failed');
      expect(prod[region]?.message).toMatch(/service control polic/i);
    }
  });

  it("fails at once, without trying another region, when an identity policy denies AssumeRole or the role is missing", async () => {
    sb.server.setFaults({ denyActions: [{ action: 'sts:AssumeRole', kind: 'identity', accountId: DATA, region: 'us-east-1' }] });
    const before = assumed();
    const s = await scan();
    const prod = cellsOf(s, PROD);
    for (const region of REGIONS) expect(prod[region]?.state).toBe('failed');
    // One AssumeRole per active account, each at us-east-1 only.
    expect(assumed() - before).toBe(s.organization!.accounts.filter((a) => a.status === 'ACTIVE').length);

    sb.server.setFaults({ denyActions: [] });
    const r = await runDiscovery({ organization: { profile: 'sandbox-data', regions: REGIONS, roleName: 'NoSuchRole' } }, { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    for (const region of REGIONS) expect(cellsOf(r.value, PROD)[region]).toMatchObject({ state: 'failed', cause: 'role-missing' });
  });

  it('says both refusals, each with its regions, when STS is off in one region and an SCP denies another', () => {
    expect(sessionOriginNote(PROD, { region: 'eu-west-2', refused: ['us-east-1', 'us-west-2', 'eu-west-1'], why: { 'us-east-1': 'scp', 'us-west-2': 'sts-off', 'eu-west-1': 'scp' } })).toBe(
      `STS is not activated in us-west-2 for account ${PROD}; a service control policy of the sign-in's account denies sts:AssumeRole in us-east-1, eu-west-1: its session came from STS in eu-west-2.`,
    );
    expect(sessionOriginNote(PROD, { region: 'us-east-1', refused: [], why: {} })).toBeUndefined();
  });
});
