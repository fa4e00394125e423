/** Managed prefix lists through the real AWS SDK: versions of entries, the modification rules and
 * AWS's errors, the region's AWS-managed lists, and lists as route destinations and in security
 * group rules (associations, and a deletion that fails while they reference the list). */
import {
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateManagedPrefixListCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  CreateVpnGatewayCommand,
  DeleteManagedPrefixListCommand,
  DeleteRouteCommand,
  DescribeManagedPrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  type EC2Client,
  GetManagedPrefixListAssociationsCommand,
  GetManagedPrefixListEntriesCommand,
  type ManagedPrefixList,
  ModifyManagedPrefixListCommand,
  ReplaceRouteCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const NET = '111122223333';
let sb: SandboxHandle;
let net: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  net = ec2(sb, 'sandbox-network');
});
afterAll(async () => sb.stop());

async function createList(client: EC2Client, name: string, entries: { Cidr: string; Description?: string }[], maxEntries = 5, family = 'IPv4'): Promise<ManagedPrefixList> {
  return (await client.send(new CreateManagedPrefixListCommand({ PrefixListName: name, MaxEntries: maxEntries, AddressFamily: family, Entries: entries }))).PrefixList as ManagedPrefixList;
}

async function entriesOf(client: EC2Client, id: string, TargetVersion?: number): Promise<[string | undefined, string | undefined][]> {
  const out = await client.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, TargetVersion }));
  return (out.Entries ?? []).map((e) => [e.Cidr, e.Description]);
}

async function describeList(client: EC2Client, id: string): Promise<ManagedPrefixList | undefined> {
  return (await client.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] }))).PrefixLists?.[0];
}

describe('customer-managed prefix lists', () => {
  it('are created at version 1 with their entries, answer the creation in progress and are complete when described', async () => {
    const out = await net.send(
      new CreateManagedPrefixListCommand({
        PrefixListName: 'offices',
        MaxEntries: 4,
        AddressFamily: 'IPv4',
        Entries: [
          { Cidr: '192.0.2.0/24', Description: 'London' },
          { Cidr: '198.51.100.7/24', Description: 'Paris' },
        ],
        TagSpecifications: [{ ResourceType: 'prefix-list', Tags: [{ Key: 'Team', Value: 'net' }] }],
      }),
    );
    const id = out.PrefixList?.PrefixListId as string;
    expect(id).toMatch(/^pl-[0-9a-f]{17}$/);
    expect(out.PrefixList).toEqual({
      PrefixListId: id,
      AddressFamily: 'IPv4',
      State: 'create-in-progress',
      PrefixListArn: `arn:aws:ec2:us-east-1:${NET}:prefix-list/${id}`,
      PrefixListName: 'offices',
      MaxEntries: 4,
      Version: 1,
      Tags: [{ Key: 'Team', Value: 'net' }],
      OwnerId: NET,
    });
    expect(await describeList(net, id)).toEqual({ ...out.PrefixList, State: 'create-complete' });
    // Host bits are cleared, as rules and routes keep CIDR blocks.
    expect(await entriesOf(net, id)).toEqual([
      ['192.0.2.0/24', 'London'],
      ['198.51.100.0/24', 'Paris'],
    ]);
    const v6 = await createList(net, 'v6', [{ Cidr: '2001:DB8::/32' }], 1, 'IPv6');
    expect(await entriesOf(net, v6.PrefixListId as string)).toEqual([['2001:db8::/32', undefined]]);
  });

  it('make a new version for each change of entries, removals first, and keep every version', async () => {
    const id = (await createList(net, 'branches', [{ Cidr: '10.10.0.0/16', Description: 'a' }, { Cidr: '10.11.0.0/16', Description: 'b' }])).PrefixListId as string;
    const modified = await net.send(
      new ModifyManagedPrefixListCommand({
        PrefixListId: id,
        CurrentVersion: 1,
        RemoveEntries: [{ Cidr: '10.11.0.0/16' }],
        // Replacing an entry's description: remove it and add it again in one request.
        AddEntries: [{ Cidr: '10.12.0.0/16', Description: 'c' }, { Cidr: '10.11.0.0/16', Description: 'b2' }],
      }),
    );
    expect(modified.PrefixList).toMatchObject({ State: 'modify-in-progress', Version: 2 });
    expect(await describeList(net, id)).toMatchObject({ State: 'modify-complete', Version: 2 });
    expect(await entriesOf(net, id)).toEqual([
      ['10.10.0.0/16', 'a'],
      ['10.11.0.0/16', 'b2'],
      ['10.12.0.0/16', 'c'],
    ]);
    expect(await entriesOf(net, id, 1)).toEqual([
      ['10.10.0.0/16', 'a'],
      ['10.11.0.0/16', 'b'],
    ]);
    // Renaming or resizing makes no version.
    await net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, PrefixListName: 'branch-offices' }));
    await net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: 10 }));
    expect(await describeList(net, id)).toMatchObject({ PrefixListName: 'branch-offices', MaxEntries: 10, Version: 2 });
    const paged = await net.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 2 }));
    const rest = await net.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 2, NextToken: paged.NextToken }));
    expect([paged.Entries?.length, rest.Entries?.map((e) => e.Cidr), rest.NextToken]).toEqual([2, ['10.12.0.0/16'], undefined]);
    expect((await awsError(net.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, TargetVersion: 3 })))).code).toBe('InvalidParameterValue');
  });

  it('refuse a stale version, too many entries, entries and size in one request, and duplicate or missing entries, as AWS words them', async () => {
    const id = (await createList(net, 'strict', [{ Cidr: '10.20.0.0/16' }], 2)).PrefixListId as string;
    await net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 1, AddEntries: [{ Cidr: '10.21.0.0/16' }] }));
    expect(await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 1, AddEntries: [{ Cidr: '10.22.0.0/16' }] })))).toMatchObject({
      code: 'PrefixListVersionMismatch',
      message: 'The prefix list has the incorrect version number.',
    });
    expect((await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 2, AddEntries: [{ Cidr: '10.22.0.0/16' }] })))).code).toBe(
      'PrefixListMaxEntriesExceeded',
    );
    expect(await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: 3, AddEntries: [{ Cidr: '10.22.0.0/16' }] })))).toMatchObject({
      code: 'InvalidParameterCombination',
      message: 'You cannot modify the entries and the maximum entries for the prefix list in the same request.',
    });
    expect(await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, RemoveEntries: [{ Cidr: '10.21.0.0/16' }], AddEntries: [{ Cidr: '10.20.0.0/16', Description: 'dup' }] })))).toMatchObject({
      code: 'InvalidPrefixListModification',
      message: 'An entry with the CIDR (10.20.0.0/16) and description (dup) already exists.',
    });
    expect((await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, RemoveEntries: [{ Cidr: '10.99.0.0/16' }] })))).code).toBe('InvalidPrefixListModification');
    expect((await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: 1 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, AddEntries: [{ Cidr: '2001:db8::/32' }] })))).code).toBe('InvalidParameterValue');
    // Nothing refused changed the list.
    expect(await describeList(net, id)).toMatchObject({ Version: 2, MaxEntries: 2 });
    expect(await entriesOf(net, id)).toEqual([
      ['10.20.0.0/16', undefined],
      ['10.21.0.0/16', undefined],
    ]);
  });

  it('refuse bad creations: a size out of range, more entries than the size, an AWS name, a family AWS does not have', async () => {
    expect(await awsError(createList(net, 'huge', [], 1001))).toMatchObject({ code: 'InvalidParameterValue', message: 'Must specify a max size between 1 and 1000' });
    expect((await awsError(createList(net, 'small', [{ Cidr: '10.0.0.0/8' }, { Cidr: '11.0.0.0/8' }], 1))).code).toBe('PrefixListMaxEntriesExceeded');
    expect(await awsError(createList(net, 'com.amazonaws.us-east-1.mine', [], 1))).toMatchObject({
      code: 'InvalidParameterValue',
      message: 'The prefix list name cannot begin with (com.amazonaws., com.amazon., com.aws.).',
    });
    expect((await awsError(createList(net, 'fam', [], 1, 'IPv5'))).code).toBe('InvalidParameterValue');
    expect((await awsError(createList(net, 'mixed', [{ Cidr: '2001:db8::/32' }], 1))).code).toBe('InvalidParameterValue');
    const many = Array.from({ length: 101 }, (_, i) => ({ Cidr: `10.${i}.0.0/16` }));
    expect(await awsError(createList(net, 'many', many, 200))).toMatchObject({ code: 'InvalidParameterValue', message: 'The number of entries per request cannot exceeds limit (100).' });
  });

  it('are filtered by name, id, owner and tags, paged, and unknown or malformed ids are refused', async () => {
    const dev = ec2(sb, 'sandbox-dev', 'eu-west-2');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createList(dev, `site-${i}`, [])).PrefixListId as string);
    await dev.send(new CreateTagsCommand({ Resources: [ids[0] as string], Tags: [{ Key: 'Site', Value: 'hq' }] }));
    const names = async (Name: string, Values: string[]) =>
      ((await dev.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name, Values }] }))).PrefixLists ?? []).map((p) => p.PrefixListName).sort();
    expect(await names('prefix-list-name', ['site-1'])).toEqual(['site-1']);
    expect(await names('prefix-list-id', [ids[2] as string])).toEqual(['site-2']);
    expect(await names('owner-id', ['777788889999'])).toEqual(['site-0', 'site-1', 'site-2']);
    expect(await names('owner-id', ['AWS'])).toEqual(['com.amazonaws.eu-west-2.dynamodb', 'com.amazonaws.eu-west-2.s3']);
    expect(await names('tag:Site', ['hq'])).toEqual(['site-0']);
    const p1 = await dev.send(new DescribeManagedPrefixListsCommand({ MaxResults: 3 }));
    const p2 = await dev.send(new DescribeManagedPrefixListsCommand({ MaxResults: 3, NextToken: p1.NextToken }));
    expect([p1.PrefixLists?.length, p2.PrefixLists?.length, p2.NextToken]).toEqual([3, 2, undefined]);
    expect((await dev.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['prefix-list'] }] }))).Tags?.map((t) => t.ResourceId)).toEqual([ids[0]]);
    // Another account's list, and a list of another region, are not the caller's.
    expect(await awsError(describeList(net, ids[0] as string))).toMatchObject({ code: 'InvalidPrefixListID.NotFound', message: `The prefix list (${ids[0]}) does not exist.` });
    expect((await awsError(describeList(ec2(sb, 'sandbox-dev'), ids[0] as string))).code).toBe('InvalidPrefixListID.NotFound');
    expect((await awsError(describeList(net, 'pl-zz'))).code).toBe('InvalidPrefixListId.Malformed');
    expect((await awsError(net.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: 'pl-0123456789abcdef0' })))).code).toBe('InvalidPrefixListID.NotFound');
  });

  it('change nothing on a dry run', async () => {
    const id = (await createList(net, 'dry', [{ Cidr: '10.30.0.0/16' }])).PrefixListId as string;
    for (const call of [
      () => net.send(new CreateManagedPrefixListCommand({ PrefixListName: 'x', MaxEntries: 1, AddressFamily: 'IPv4', DryRun: true })),
      () => net.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, AddEntries: [{ Cidr: '10.31.0.0/16' }], DryRun: true })),
      () => net.send(new DeleteManagedPrefixListCommand({ PrefixListId: id, DryRun: true })),
      () => net.send(new DescribeManagedPrefixListsCommand({ DryRun: true })),
      () => net.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, DryRun: true })),
    ]) {
      expect(await awsError(call())).toMatchObject({ code: 'DryRunOperation', status: 412 });
    }
    expect(await describeList(net, id)).toMatchObject({ Version: 1, State: 'create-complete' });
  });
});

describe("a region's AWS-managed prefix lists", () => {
  it('list S3 and DynamoDB for every account of the region, owned by AWS, with fixed entries, and cannot be changed', async () => {
    const lists = async (client: EC2Client) =>
      (await client.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'owner-id', Values: ['AWS'] }] }))).PrefixLists ?? [];
    const mine = await lists(net);
    expect(mine.map((p) => p.PrefixListName).sort()).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    const s3 = mine.find((p) => p.PrefixListName === 'com.amazonaws.us-east-1.s3') as ManagedPrefixList;
    expect(s3).toEqual({
      PrefixListId: s3.PrefixListId,
      AddressFamily: 'IPv4',
      State: 'create-complete',
      PrefixListArn: `arn:aws:ec2:us-east-1:aws:prefix-list/${s3.PrefixListId}`,
      PrefixListName: 'com.amazonaws.us-east-1.s3',
      OwnerId: 'AWS',
    });
    expect(s3.PrefixListId).toMatch(/^pl-[0-9a-f]{8}$/);
    expect(await entriesOf(net, s3.PrefixListId as string)).toEqual([
      ['3.5.0.0/19', undefined],
      ['52.216.0.0/15', undefined],
      ['54.231.0.0/16', undefined],
    ]);
    expect((await lists(ec2(sb, 'sandbox-dev'))).map((p) => p.PrefixListId).sort()).toEqual(mine.map((p) => p.PrefixListId).sort());
    const dublin = await lists(ec2(sb, 'sandbox-network', 'eu-west-1'));
    expect(dublin.map((p) => p.PrefixListName).sort()).toEqual(['com.amazonaws.eu-west-1.dynamodb', 'com.amazonaws.eu-west-1.s3']);
    expect(dublin.some((p) => p.PrefixListId === s3.PrefixListId)).toBe(false);
    expect((await awsError(net.send(new ModifyManagedPrefixListCommand({ PrefixListId: s3.PrefixListId, AddEntries: [{ Cidr: '10.0.0.0/8' }] })))).code).toBe('UnsupportedOperation');
    expect((await awsError(net.send(new DeleteManagedPrefixListCommand({ PrefixListId: s3.PrefixListId })))).code).toBe('UnsupportedOperation');
  });
});

describe('prefix lists as route destinations and in security group rules', () => {
  it('route to a list, show the route, tell its associations, fail a deletion while referenced and delete once free', async () => {
    const vpc = (await net.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc?.VpcId as string;
    const rtb = (await net.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
    const list = (await createList(net, 'partners', [{ Cidr: '203.0.113.0/24' }])).PrefixListId as string;
    const igw = (await net.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    await net.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const vgw = (await net.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
    await net.send(new AttachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: vpc }));
    await net.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list, GatewayId: igw }));
    const routes = async () => (await net.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? [];
    expect((await routes()).find((r) => r.DestinationPrefixListId === list)).toEqual({ DestinationPrefixListId: list, GatewayId: igw, Origin: 'CreateRoute', State: 'active' });
    const byFilter = await net.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.destination-prefix-list-id', Values: [list] }] }));
    expect(byFilter.RouteTables?.map((t) => t.RouteTableId)).toEqual([rtb]);
    expect((await awsError(net.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list, GatewayId: igw })))).code).toBe('RouteAlreadyExists');
    await net.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list, GatewayId: vgw }));
    expect((await routes()).find((r) => r.DestinationPrefixListId === list)?.GatewayId).toBe(vgw);
    expect(await awsError(net.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: 'pl-0123456789abcdef0', GatewayId: igw })))).toMatchObject({
      code: 'InvalidPrefixListID.NotFound',
      message: "The prefix list ID 'pl-0123456789abcdef0' does not exist",
    });
    const associations = await net.send(new GetManagedPrefixListAssociationsCommand({ PrefixListId: list }));
    expect(associations.PrefixListAssociations).toEqual([{ ResourceId: rtb, ResourceOwner: NET }]);
    const deleting = await net.send(new DeleteManagedPrefixListCommand({ PrefixListId: list }));
    expect(deleting.PrefixList?.State).toBe('delete-in-progress');
    const failed = await describeList(net, list);
    expect(failed).toMatchObject({ State: 'delete-failed', Version: 1 });
    expect(failed?.StateMessage).toContain(rtb);
    await net.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list }));
    expect((await net.send(new GetManagedPrefixListAssociationsCommand({ PrefixListId: list }))).PrefixListAssociations).toEqual([]);
    await net.send(new DeleteManagedPrefixListCommand({ PrefixListId: list }));
    expect((await awsError(describeList(net, list))).code).toBe('InvalidPrefixListID.NotFound');
    expect(await awsError(net.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list })))).toMatchObject({
      code: 'InvalidRoute.NotFound',
      message: `no route with destination-prefix-list-id ${list} in route table ${rtb}`,
    });
  });

  it('take lists in ingress and egress rules, which both describes show, and hold the list until revoked', async () => {
    const vpc = (await net.send(new CreateVpcCommand({ CidrBlock: '10.41.0.0/16' }))).Vpc?.VpcId as string;
    const sg = (await net.send(new CreateSecurityGroupCommand({ GroupName: 'pl', Description: 'pl', VpcId: vpc }))).GroupId as string;
    const list = (await createList(net, 'admins', [{ Cidr: '198.51.100.0/24' }])).PrefixListId as string;
    const s3 = (await net.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists?.[0]
      ?.PrefixListId as string;
    await net.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: list, Description: 'ssh' }] }] }),
    );
    await net.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: s3 }] }] }));
    const group = (await net.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).SecurityGroups?.[0];
    expect(group?.IpPermissions).toEqual([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: list, Description: 'ssh' }], UserIdGroupPairs: [] }]);
    expect(group?.IpPermissionsEgress?.find((p) => p.FromPort === 443)?.PrefixListIds).toEqual([{ PrefixListId: s3 }]);
    const rules = (await net.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [sg] }] }))).SecurityGroupRules ?? [];
    expect(rules.filter((r) => r.PrefixListId).map((r) => [r.IsEgress, r.PrefixListId])).toEqual(
      expect.arrayContaining([
        [false, list],
        [true, s3],
      ]),
    );
    const byFilter = await net.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.prefix-list-id', Values: [list] }] }));
    expect(byFilter.SecurityGroups?.map((g) => g.GroupId)).toEqual([sg]);
    expect(await awsError(net.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] }] })))).toMatchObject({
      code: 'InvalidPrefixListID.NotFound',
      message: "The prefix list ID 'pl-0123456789abcdef0' does not exist",
    });
    expect((await net.send(new GetManagedPrefixListAssociationsCommand({ PrefixListId: list }))).PrefixListAssociations).toEqual([{ ResourceId: sg, ResourceOwner: NET }]);
    await net.send(new DeleteManagedPrefixListCommand({ PrefixListId: list }));
    expect((await describeList(net, list))?.State).toBe('delete-failed');
    // A later modification clears the failure.
    await net.send(new ModifyManagedPrefixListCommand({ PrefixListId: list, PrefixListName: 'admins-2' }));
    expect(await describeList(net, list)).toMatchObject({ State: 'modify-complete', PrefixListName: 'admins-2' });
    expect((await describeList(net, list))?.StateMessage).toBeUndefined();
    await net.send(new RevokeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: list }] }] }));
    await net.send(new DeleteManagedPrefixListCommand({ PrefixListId: list }));
    expect((await awsError(describeList(net, list))).code).toBe('InvalidPrefixListID.NotFound');
  });
});
