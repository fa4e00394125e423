/** Differential tests for AWS Organizations: the same organisation (account A manages it, an OU
 * "Workloads" holds a member "App", account B is in no organisation) read through the real SDK
 * from the sandbox (made by its scenario) and from moto 5.2.1 (made by CreateOrganization,
 * CreateOrganizationalUnit, CreateAccount and MoveAccount), compared by logical names where moto
 * follows AWS. Where moto departs, the test asserts what each does. Off CI a missing moto skips
 * these tests with a message; on CI (`CI` set) they fail.
 */
import {
  type Account,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason } from '../src/testing/moto';
import { A, both, failure, startDifferentialPair, type DifferentialPair, type Target } from './moto-targets';

const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/** Replaces the target's ids in a text by their logical names. */
function names(t: Target, text: string | undefined): string {
  let out = text ?? '';
  for (const [id, name] of [...t.names].sort((x, y) => y[0].length - x[0].length)) out = out.replaceAll(id, `<${name}>`);
  return out;
}

const accountView = (t: Target, a: Account | undefined) => ({
  id: names(t, a?.Id),
  arn: names(t, a?.Arn),
  name: a?.Name,
  email: a?.Email,
  state: a?.State,
  joinedMethod: a?.JoinedMethod,
  joined: a?.JoinedTimestamp instanceof Date,
});

describe.skipIf(Boolean(missing) && !process.env.CI)('sandbox and moto agree on an organisation read through the SDK', () => {
  let pair: DifferentialPair | undefined;
  let targets: Target[];

  beforeAll(async () => {
    pair = await startDifferentialPair('differential-organizations', {
      organization: {
        management: 'a',
        ous: [{ key: 'workloads', name: 'Workloads' }],
        accounts: [
          { account: 'a', name: 'master', email: 'master@example.com' },
          { id: '333344445555', ou: 'workloads', name: 'App', email: 'app@example.com', joinedMethod: 'CREATED' },
        ],
      },
    });
    targets = pair.targets;
    const [sandbox, moto] = targets as [Target, Target];
    // moto: make the same organisation through its API.
    const org = (await moto.orgA.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization;
    const root = (await moto.orgA.send(new ListRootsCommand({}))).Roots?.[0]?.Id as string;
    const ou = (await moto.orgA.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' }))).OrganizationalUnit?.Id as string;
    const made = (await moto.orgA.send(new CreateAccountCommand({ AccountName: 'App', Email: 'app@example.com' }))).CreateAccountStatus?.AccountId as string;
    await moto.orgA.send(new MoveAccountCommand({ AccountId: made, SourceParentId: root, DestinationParentId: ou }));
    moto.names.set(org?.Id as string, 'org').set(root, 'root').set(ou, 'workloads').set(made, 'app');
    // The sandbox: its scenario made them; find their ids the same way a client would.
    const sOrg = (await sandbox.orgA.send(new DescribeOrganizationCommand({}))).Organization?.Id as string;
    const sRoot = (await sandbox.orgA.send(new ListRootsCommand({}))).Roots?.[0]?.Id as string;
    const sOu = (await sandbox.orgA.send(new ListOrganizationalUnitsForParentCommand({ ParentId: sRoot }))).OrganizationalUnits?.[0]?.Id as string;
    sandbox.names.set(sOrg, 'org').set(sRoot, 'root').set(sOu, 'workloads').set('333344445555', 'app');
  });
  afterAll(async () => {
    await pair?.stop();
  });

  const id = (t: Target, name: string): string => [...t.names].find(([, n]) => n === name)?.[0] as string;

  it('describe the organisation, its root, OU and member accounts alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const org = (await t.orgA.send(new DescribeOrganizationCommand({}))).Organization;
      const roots = (await t.orgA.send(new ListRootsCommand({}))).Roots ?? [];
      const ous = (await t.orgA.send(new ListOrganizationalUnitsForParentCommand({ ParentId: id(t, 'root') }))).OrganizationalUnits ?? [];
      const inOu = (await t.orgA.send(new ListAccountsForParentCommand({ ParentId: id(t, 'workloads') }))).Accounts ?? [];
      const ou = (await t.orgA.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id(t, 'workloads') }))).OrganizationalUnit;
      const app = (await t.orgA.send(new DescribeAccountCommand({ AccountId: id(t, 'app') }))).Account;
      const children = (await t.orgA.send(new ListChildrenCommand({ ParentId: id(t, 'root'), ChildType: 'ORGANIZATIONAL_UNIT' }))).Children ?? [];
      const all = (await t.orgA.send(new ListAccountsCommand({}))).Accounts ?? [];
      return {
        org: { id: names(t, org?.Id), arn: names(t, org?.Arn), featureSet: org?.FeatureSet, master: org?.MasterAccountId, masterArn: names(t, org?.MasterAccountArn), email: org?.MasterAccountEmail },
        roots: roots.map((r) => ({ id: names(t, r.Id), arn: names(t, r.Arn), name: r.Name })),
        ous: ous.map((u) => ({ id: names(t, u.Id), arn: names(t, u.Arn), name: u.Name })),
        ou: { id: names(t, ou?.Id), name: ou?.Name },
        inOu: inOu.map((a) => accountView(t, a)),
        app: accountView(t, app),
        children: children.map((c) => ({ id: names(t, c.Id), type: c.Type })),
        all: all.map((a) => names(t, a.Id)).sort(),
      };
    });
    expect(s).toEqual(m);
    expect(s.org).toEqual({
      id: '<org>',
      arn: `arn:aws:organizations::${A}:organization/<org>`,
      featureSet: 'ALL',
      master: A,
      masterArn: `arn:aws:organizations::${A}:account/<org>/${A}`,
      email: 'master@example.com',
    });
    expect(s.app).toEqual({ id: '<app>', arn: `arn:aws:organizations::${A}:account/<org>/<app>`, name: 'App', email: 'app@example.com', state: 'ACTIVE', joinedMethod: 'CREATED', joined: true });
    expect(s.all).toEqual([A, '<app>'].sort());
  });

  it('refuse unknown accounts and OUs, and an account outside every organisation, in the same words', async () => {
    const [s, m] = await both(targets, async (t) => ({
      account: await failure(t, t.orgA.send(new DescribeAccountCommand({ AccountId: '999999999999' }))),
      ou: await failure(t, t.orgA.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: `ou-${id(t, 'root').slice(2)}-zzzzzzzz` }))),
      outsider: await failure(t, t.orgB.send(new DescribeOrganizationCommand({}))),
    }));
    expect(s).toEqual(m);
    expect(s.account).toEqual({ code: 'AccountNotFoundException', message: "You specified an account that doesn't exist." });
    expect(s.outsider).toEqual({ code: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' });
  });

  it('(moto departs) the sandbox refuses MaxResults over 20, lists nothing to outsiders, words ParentNotFound as AWS documents it, and retired Status', async () => {
    const [sandbox, moto] = targets as [Target, Target];
    expect((await failure(moto, moto.orgA.send(new ListAccountsCommand({ MaxResults: 21 })))).code).toBe('no error');
    expect((await failure(sandbox, sandbox.orgA.send(new ListAccountsCommand({ MaxResults: 21 })))).code).toBe('InvalidInputException');

    // moto answers an account in no organisation with an empty list; AWS refuses it.
    expect((await moto.orgB.send(new ListAccountsCommand({}))).Accounts).toEqual([]);
    expect((await failure(sandbox, sandbox.orgB.send(new ListAccountsCommand({})))).code).toBe('AWSOrganizationsNotInUseException');

    const parent = (t: Target) => failure(t, t.orgA.send(new ListAccountsForParentCommand({ ParentId: `ou-${id(t, 'root').slice(2)}-zzzzzzzz` })));
    expect(await parent(moto)).toEqual({ code: 'ParentNotFoundException', message: "You specified parent that doesn't exist." });
    expect(await parent(sandbox)).toEqual({ code: 'ParentNotFoundException', message: "We can't find a root or OU with the ParentId that you specified." });

    // moto still sends the Status member AWS retired on 2026-09-09; the sandbox (on today's clock) sends State only.
    const app = async (t: Target) => (await t.orgA.send(new DescribeAccountCommand({ AccountId: id(t, 'app') }))).Account;
    expect((await app(moto))?.Status).toBe('ACTIVE');
    expect((await app(sandbox))?.Status).toBeUndefined();
  });
});
