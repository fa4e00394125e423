/** AWS Organizations through the real AWS SDK (client-organizations): the organisation, its root,
 * OU tree and accounts, pages of at most 20 with the empty pages AWS can hand out, who may list,
 * and the errors in AWS's words. */
import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  paginateListAccounts,
  type Account,
} from '@aws-sdk/client-organizations';
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ScenarioInput } from '../../src/scenarios/scenario';
import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, iam, organizations, sts } from '../clients';

const MGMT = '100000000001';
const ADMIN = '100000000002';
const MEMBER = '100000000003';
const OUTSIDER = '100000000009';

/** A management account, a delegated administrator, a member, an outsider, 25 accounts only in
 * the organisation (one suspended) and OUs two deep. */
const SCENARIO: ScenarioInput = {
  name: 'org-sdk',
  defaultVpcs: 'none',
  accounts: [
    { id: MGMT, profile: 'mgmt' },
    { id: ADMIN, profile: 'admin' },
    { id: MEMBER, profile: 'member', roles: [{ name: 'OrganizationAccountAccessRole', trust: [MGMT] }] },
    { id: OUTSIDER, profile: 'outsider' },
  ],
  organization: {
    management: 'mgmt',
    delegatedAdministrators: ['admin'],
    ous: [
      { key: 'workloads', name: 'Workloads' },
      { key: 'prod', name: 'Prod', parent: 'workloads' },
      { key: 'sec', name: 'Security' },
    ],
    accounts: [
      { account: 'mgmt', name: 'Management', email: 'root@example.com', joined: '2021-01-01T00:00:00Z' },
      { account: 'admin', ou: 'sec', name: 'Audit' },
      { account: 'member', ou: 'prod', name: 'App' },
      ...Array.from({ length: 25 }, (_, i) => ({
        id: String(200000000000 + i),
        ou: i % 2 === 0 ? 'prod' : 'workloads',
        name: `Workload ${i}`,
        ...(i === 3 ? { status: 'SUSPENDED' as const } : {}),
      })),
    ],
  },
};

let sb: SandboxHandle;
let mgmt: OrganizationsClient;

beforeAll(async () => {
  sb = await startSandbox({ scenario: SCENARIO, clock: () => Date.UTC(2026, 5, 1) });
  mgmt = organizations(sb, 'mgmt');
});
afterAll(async () => sb?.stop());

describe('Organizations through the SDK', () => {
  it('describes the organisation in AWS shapes, to any of its accounts', async () => {
    const org = (await mgmt.send(new DescribeOrganizationCommand({}))).Organization;
    const id = sb.server.refs['org:id'] as string;
    expect(id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(org).toEqual({
      Id: id,
      Arn: `arn:aws:organizations::${MGMT}:organization/${id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/${id}/${MGMT}`,
      MasterAccountId: MGMT,
      MasterAccountEmail: 'root@example.com',
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    });
    expect((await organizations(sb, 'member').send(new DescribeOrganizationCommand({}))).Organization?.Id).toBe(id);
  });

  it('walks the root and the OU tree with the direct children of each parent', async () => {
    const roots = (await mgmt.send(new ListRootsCommand({}))).Roots ?? [];
    const rootId = sb.server.refs['org:root'] as string;
    const id = sb.server.refs['org:id'] as string;
    expect(rootId).toMatch(/^r-[a-z0-9]{4}$/);
    expect(roots).toEqual([{ Id: rootId, Arn: `arn:aws:organizations::${MGMT}:root/${id}/${rootId}`, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }]);

    const top = (await mgmt.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits ?? [];
    expect(top.map((u) => u.Name).sort()).toEqual(['Security', 'Workloads']);
    const workloads = sb.server.refs['org:workloads'] as string;
    expect(workloads).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    expect(top.find((u) => u.Name === 'Workloads')).toEqual({ Id: workloads, Arn: `arn:aws:organizations::${MGMT}:ou/${id}/${workloads}`, Name: 'Workloads' });
    const nested = (await mgmt.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads }))).OrganizationalUnits ?? [];
    expect(nested.map((u) => u.Name)).toEqual(['Prod']);

    const inRoot = (await mgmt.send(new ListAccountsForParentCommand({ ParentId: rootId }))).Accounts ?? [];
    expect(inRoot.map((a) => a.Id)).toEqual([MGMT]);
    const inSec = (await mgmt.send(new ListAccountsForParentCommand({ ParentId: sb.server.refs['org:sec'] }))).Accounts ?? [];
    expect(inSec.map((a) => a.Name)).toEqual(['Audit']);

    const children = (await mgmt.send(new ListChildrenCommand({ ParentId: workloads, ChildType: 'ORGANIZATIONAL_UNIT' }))).Children;
    expect(children).toEqual([{ Id: sb.server.refs['org:prod'], Type: 'ORGANIZATIONAL_UNIT' }]);
    const ou = (await mgmt.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: workloads }))).OrganizationalUnit;
    expect(ou?.Name).toBe('Workloads');
  });

  it('pages ListAccounts by at most 20, with an empty page that still carries a NextToken', async () => {
    const pages: { count: number; token: boolean }[] = [];
    let token: string | undefined;
    const seen: Account[] = [];
    do {
      const out = await mgmt.send(new ListAccountsCommand({ MaxResults: 5, NextToken: token }));
      pages.push({ count: out.Accounts?.length ?? 0, token: Boolean(out.NextToken) });
      seen.push(...(out.Accounts ?? []));
      token = out.NextToken;
    } while (token);
    expect(seen).toHaveLength(28);
    expect(new Set(seen.map((a) => a.Id)).size).toBe(28);
    // The third page (and the sixth) is empty and says to keep going.
    expect(pages[2]).toEqual({ count: 0, token: true });
    expect(pages[5]).toEqual({ count: 0, token: true });
    expect(pages.at(-1)?.token).toBe(false);

    // The SDK's paginator keeps going past the empty page too.
    let total = 0;
    for await (const p of paginateListAccounts({ client: mgmt }, {})) total += p.Accounts?.length ?? 0;
    expect(total).toBe(28);
  });

  it('shows accounts with name, email, state, how and when they joined', async () => {
    const acct = (await mgmt.send(new DescribeAccountCommand({ AccountId: '200000000003' }))).Account;
    const id = sb.server.refs['org:id'] as string;
    expect(acct).toEqual({
      Id: '200000000003',
      Arn: `arn:aws:organizations::${MGMT}:account/${id}/200000000003`,
      Email: 'aws+200000000003@example.com',
      Name: 'Workload 3',
      Status: 'SUSPENDED',
      State: 'SUSPENDED',
      JoinedMethod: 'CREATED',
      JoinedTimestamp: expect.any(Date),
    });
    const mine = (await mgmt.send(new DescribeAccountCommand({ AccountId: MGMT }))).Account;
    expect(mine).toMatchObject({ Name: 'Management', State: 'ACTIVE', JoinedMethod: 'INVITED', JoinedTimestamp: new Date('2021-01-01T00:00:00Z') });
  });

  it('lets a delegated administrator list, and refuses other members and outsiders in AWS words', async () => {
    expect((await organizations(sb, 'admin').send(new ListAccountsCommand({}))).Accounts).toHaveLength(20);
    const denied = await awsError(organizations(sb, 'member').send(new ListAccountsCommand({})));
    expect(denied).toMatchObject({ code: 'AccessDeniedException', message: "You don't have permissions to access this resource.", status: 400 });
    const outside = await awsError(organizations(sb, 'outsider').send(new DescribeOrganizationCommand({})));
    expect(outside).toMatchObject({ code: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' });

    // A role session in a member account is that member: it may describe, not list.
    const role = await sts(sb, 'mgmt').send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, RoleSessionName: 'scan' }));
    const c = role.Credentials;
    const asMember = new OrganizationsClient({
      endpoint: sb.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string },
    });
    expect((await asMember.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(MGMT);
    expect((await awsError(asMember.send(new ListRootsCommand({})))).code).toBe('AccessDeniedException');
  });

  it('refuses MaxResults over 20, unknown parents, accounts and OUs, and foreign tokens', async () => {
    const tooMany = await awsError(mgmt.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(tooMany).toMatchObject({
      code: 'InvalidInputException',
      message: "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
    });
    const noParent = await awsError(mgmt.send(new ListAccountsForParentCommand({ ParentId: 'ou-abcd-12345678' })));
    expect(noParent).toMatchObject({ code: 'ParentNotFoundException', message: "We can't find a root or OU with the ParentId that you specified." });
    expect((await awsError(mgmt.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'not-a-parent' })))).code).toBe('InvalidInputException');
    expect((await awsError(mgmt.send(new DescribeAccountCommand({ AccountId: OUTSIDER })))).code).toBe('AccountNotFoundException');
    expect((await awsError(mgmt.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-abcd-12345678' })))).code).toBe('OrganizationalUnitNotFoundException');
    const first = await mgmt.send(new ListAccountsCommand({ MaxResults: 2 }));
    const foreign = await awsError(mgmt.send(new ListRootsCommand({ NextToken: first.NextToken })));
    expect(foreign.code).toBe('InvalidInputException');
  });
});

describe('Organizations and IAM under throttling', () => {
  it('answer TooManyRequestsException and Throttling, each in its own protocol', async () => {
    const busy = await startSandbox({ scenario: SCENARIO, faults: { throttle: { mode: 'rate', rate: 1 } } });
    try {
      const org = await awsError(organizations(busy, 'mgmt').send(new ListAccountsCommand({})));
      expect(org).toMatchObject({ code: 'TooManyRequestsException', status: 400 });
      expect(org.message).toContain('You have sent too many requests in too short a period of time.');
      expect(await awsError(iam(busy, 'mgmt').send(new ListAccountAliasesCommand({})))).toMatchObject({ code: 'Throttling', message: 'Rate exceeded' });
    } finally {
      await busy.stop();
    }
  });
});

describe('Organizations after AWS retired the accounts\' Status member', () => {
  it('answers State only once the sandbox clock is past 2026-09-09', async () => {
    const later = await startSandbox({ scenario: SCENARIO, clock: () => Date.UTC(2026, 8, 10) });
    try {
      const acct = (await organizations(later, 'mgmt').send(new DescribeAccountCommand({ AccountId: '200000000003' }))).Account;
      expect(acct?.State).toBe('SUSPENDED');
      expect(acct?.Status).toBeUndefined();
    } finally {
      await later.stop();
    }
  });
});
