/** A scenario's `organization`: references checked with messages that say what to fix, the
 * generator's organisations of any size, and the demo's organisation through the SDK. */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { DescribeOrganizationCommand, ListAccountsCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, paginateListAccounts, type Account } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveScenario } from '../../src/scenarios';
import { generateOrganization } from '../../src/scenarios/generate';
import { parseScenario, type ScenarioInput } from '../../src/scenarios/scenario';
import { worldFromData, worldToData } from '../../src/state/persist';
import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, organizations, sts } from '../clients';

const accounts = [
  { id: '111111111111', profile: 'one' },
  { id: '222222222222', profile: 'two' },
];

function parse(organization: unknown): () => void {
  return () => parseScenario({ name: 't', accounts, organization } as ScenarioInput);
}

describe('the organization section', () => {
  it('accepts a tree of OUs with accounts by profile, by id, and only in the organisation', () => {
    const s = parseScenario({
      name: 't',
      accounts,
      organization: {
        management: 'one',
        ous: [
          { key: 'a', name: 'A' },
          { key: 'b', name: 'B', parent: 'a' },
        ],
        accounts: [{ account: '222222222222', ou: 'b', alias: 'two-alias' }, { id: '333333333333', status: 'SUSPENDED' }],
      },
    });
    expect(s.organization?.emptyPageEvery).toBe(3);
    expect(s.organization?.accounts[1]?.status).toBe('SUSPENDED');
  });

  it('names unknown accounts and OUs, cycles, two parents and conflicting aliases', () => {
    expect(parse({ management: 'nobody' })).toThrow(/unknown account "nobody"[\s\S]*at organization\.management/);
    expect(parse({ management: 'one', accounts: [{ account: 'three' }] })).toThrow(/unknown account "three"[\s\S]*give "id"/);
    expect(parse({ management: 'one', accounts: [{ account: 'two', ou: 'x' }] })).toThrow(/unknown OU "x"/);
    expect(parse({ management: 'one', ous: [{ key: 'a', name: 'A', parent: 'zz' }] })).toThrow(/unknown parent OU "zz"/);
    expect(
      parse({
        management: 'one',
        ous: [
          { key: 'a', name: 'A', parent: 'c' },
          { key: 'b', name: 'B', parent: 'a' },
          { key: 'c', name: 'C', parent: 'b' },
        ],
      }),
    ).toThrow(/the OUs form a cycle: a → c → b → a/);
    expect(
      parse({
        management: 'one',
        ous: [
          { key: 'a', name: 'A' },
          { key: 'b', name: 'B' },
          { key: 'b', name: 'B', parent: 'a' },
        ],
      }),
    ).toThrow(/the OU "b" has two parents \("root" and "a"\)/);
    expect(parse({ management: 'one', ous: [{ key: 'a', name: 'A' }], accounts: [{ account: 'two' }, { account: '222222222222', ou: 'a' }] })).toThrow(
      /the account 222222222222 is listed twice[\s\S]*exactly one parent/,
    );
    expect(parse({ management: 'one', accounts: [{ account: 'two', id: '222222222222' }] })).toThrow(/exactly one of account/);
    expect(parse({ management: 'one', accounts: [{ id: '111111111111' }] })).toThrow(/name it with "account" instead of "id"/);
    expect(() =>
      parseScenario({ name: 't', accounts: [{ ...accounts[0], alias: 'first' }, accounts[1]] as ScenarioInput['accounts'], organization: { management: 'one', accounts: [{ account: 'one', alias: 'second' }] } }),
    ).toThrow(/alias "first" in "accounts" and "second" here/);
    expect(parse({ management: 'one', emptyPageEvery: 1 })).toThrow(/every page empty/);
    expect(parse({ management: 'one', accounts: [{ account: 'two', alias: 'Bad_Alias' }] })).toThrow(/lowercase letters, digits and single hyphens/);
    expect(parse({ management: 'one', delegatedAdministrators: ['ghost'] })).toThrow(/unknown account "ghost"[\s\S]*at organization\.delegatedAdministrators\[0\]/);
  });

  it('is part of the demo, with the network account as management', () => {
    expect(resolveScenario('demo').organization?.management).toBe('sandbox-network');
  });
});

describe('generateOrganization', () => {
  it('builds the same organisation every time, of any size, with OUs a few levels deep', () => {
    const a = generateOrganization({ accounts: 200, ous: 20, seed: 5 });
    expect(generateOrganization({ accounts: 200, ous: 20, seed: 5 })).toEqual(a);
    expect(generateOrganization({ accounts: 200, ous: 20, seed: 6 })).not.toEqual(a);
    const s = parseScenario(a);
    const org = s.organization;
    expect(s.accounts).toHaveLength(200);
    expect(org?.ous).toHaveLength(20);
    expect(org?.accounts).toHaveLength(204);
    expect(org?.accounts.filter((x) => x.status === 'SUSPENDED')).toHaveLength(4);
    const parent = new Map((org?.ous ?? []).map((u) => [u.key, u.parent]));
    const depth = (k: string | undefined): number => (k === undefined ? 0 : 1 + depth(parent.get(k)));
    expect(Math.max(...(org?.ous ?? []).map((u) => depth(u.key)))).toBeGreaterThanOrEqual(3);
    expect(org?.accounts[0]).toMatchObject({ account: s.accounts[0]?.profile, name: 'Management' });
    expect(() => generateOrganization({ accounts: 3, ous: -1 })).toThrow(/--ous must be an integer/);
  });

  it('gives every account the read-only role and every member OrganizationAccountAccessRole, trusting the management account', async () => {
    const sb = await startSandbox({ scenario: generateOrganization({ accounts: 4, ous: 1, seed: 2 }) });
    try {
      const [mgmt, member] = [sb.accounts[0]!, sb.accounts[1]!];
      for (const [account, role] of [[member.accountId, 'PeerscapeReadOnly'], [member.accountId, 'OrganizationAccountAccessRole'], [mgmt.accountId, 'PeerscapeReadOnly']] as const) {
        const r = await sts(sb, mgmt.profile).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${role}`, RoleSessionName: 'generated' }));
        expect(r.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/${role}/generated`);
      }
      const denied = await awsError(sts(sb, member.profile).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${mgmt.accountId}:role/PeerscapeReadOnly`, RoleSessionName: 'generated' })));
      expect(denied.code).toBe('AccessDenied');
      expect(await awsError(sts(sb, mgmt.profile).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${mgmt.accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'generated' })))).toMatchObject({
        code: 'AccessDenied',
      });
    } finally {
      await sb.stop();
    }
  });

  it('builds the discovery benchmark organisation: 200 accounts × 17 regions × 5 VPCs, on /23 blocks', () => {
    const s = parseScenario(generateOrganization({ accounts: 200, ous: 20, regions: 17, vpcsPerRegion: 5, seed: 1 }));
    expect(s.vpcs).toHaveLength(17000);
    expect(s.vpcs.every((v) => v.cidr.endsWith('/23'))).toBe(true);
    expect(s.vpcs[0]?.subnets?.map((x) => x.cidr.split('/')[1])).toEqual(['25', '25']);
    expect(new Set(s.vpcs.map((v) => v.cidr)).size).toBeGreaterThan(16000);
  });

  it('is what `generated:…,ous=N` names', () => {
    const s = resolveScenario('generated:accounts=30,regions=1,vpcs=1,ous=6,suspended=2,seed=3');
    expect(s.organization?.ous).toHaveLength(6);
    expect(s.organization?.accounts).toHaveLength(32);
    expect(s.vpcs).toHaveLength(30);
  });

  it('serves 200 accounts in pages of 20 with empty pages between, all found by the SDK paginator', async () => {
    const sb = await startSandbox({ scenario: generateOrganization({ accounts: 200, ous: 20, seed: 5 }) });
    try {
      const c = organizations(sb, sb.accounts[0]?.profile as string);
      const seen: Account[] = [];
      let empty = 0;
      for await (const p of paginateListAccounts({ client: c }, {})) {
        if ((p.Accounts ?? []).length === 0) empty++;
        seen.push(...(p.Accounts ?? []));
      }
      expect(seen).toHaveLength(204);
      // 11 full pages need 16 calls: every third page is empty while accounts remain.
      expect(empty).toBe(5);
      // Walking the tree from the root reaches every OU.
      const rootId = (await c.send(new ListRootsCommand({}))).Roots?.[0]?.Id as string;
      const queue = [rootId];
      let ous = 0;
      while (queue.length > 0) {
        const parent = queue.shift() as string;
        let token: string | undefined;
        do {
          const out = await c.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent, NextToken: token }));
          for (const u of out.OrganizationalUnits ?? []) queue.push(u.Id as string);
          ous += out.OrganizationalUnits?.length ?? 0;
          token = out.NextToken;
        } while (token);
      }
      expect(ous).toBe(20);
    } finally {
      await sb.stop();
    }
  });
});

describe('the demo organisation', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'demo' });
  });
  afterAll(async () => sb?.stop());

  it('has the network account as management, the others in OUs with names, and a suspended account', async () => {
    const c = organizations(sb, 'sandbox-network');
    expect((await c.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe('111122223333');
    const listed = (await c.send(new ListAccountsCommand({}))).Accounts ?? [];
    expect(listed.map((a) => [a.Id, a.Name, a.State]).sort()).toEqual([
      ['111122223333', 'Network', 'ACTIVE'],
      ['135791357913', 'Legacy shared services', 'SUSPENDED'],
      ['246813579024', 'Data', 'ACTIVE'],
      ['444455556666', 'Production', 'ACTIVE'],
      ['777788889999', 'Development', 'ACTIVE'],
    ]);
    const top = (await c.send(new ListOrganizationalUnitsForParentCommand({ ParentId: sb.server.refs['org:root'] }))).OrganizationalUnits ?? [];
    expect(top.map((u) => u.Name).sort()).toEqual(['Data', 'Infrastructure', 'Workloads']);
  });

  it('keeps its organisation across a save and a load of the state', () => {
    const data = worldToData(worldFromData(sb.server.exportState(), () => Date.now()));
    expect(data.organization?.accounts).toHaveLength(5);
  });
});
