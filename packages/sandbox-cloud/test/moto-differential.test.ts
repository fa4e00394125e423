/** Differential tests: the same scenario runs through the real SDK against the sandbox and against
 * moto 5.2.1 (an independent EC2/STS implementation); their normalised answers must agree.
 *
 * Accounts: moto acts in 123456789012 for keys it did not issue, and STS AssumeRole into
 * `arn:aws:iam::<acct>:role/x` gives keys that act in <acct> (docs/ec2-peering-semantics.md); the
 * sandbox's scenario has the same two accounts and the same AssumeRole. Where moto departs from
 * AWS (listed in the same file), the test names the AWS documentation page and asserts that the
 * sandbox follows AWS. Off CI a missing moto skips these tests with a message; on CI
 * (`CI` set) they fail.
 */
import {
  AcceptVpcPeeringConnectionCommand,
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteRouteCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpcPeeringConnectionCommand,
  DeleteVpnGatewayCommand,
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DescribeVpnGatewaysCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  EC2Client,
  RejectVpcPeeringConnectionCommand,
  ReleaseAddressCommand,
  ReplaceNetworkAclAssociationCommand,
  type NetworkAclEntry,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason, startMoto, type MotoHandle } from '../src/testing/moto';
import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';

const A = '123456789012';
const B = '210987654321';
const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/** One EC2/STS implementation under test, with clients for account A and (assumed) account B. */
interface Target {
  readonly name: 'sandbox' | 'moto';
  readonly a: (region?: string) => EC2Client;
  readonly b: (region?: string) => EC2Client;
  /** Real id → logical name, so answers from both targets can be compared. */
  readonly names: Map<string, string>;
}

async function makeTarget(name: Target['name'], endpoint: string, base: { accessKeyId: string; secretAccessKey: string }): Promise<Target> {
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: base, maxAttempts: 1 });
  expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(A);
  const role = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/x`, RoleSessionName: 'differential' }));
  const bCreds = {
    accessKeyId: role.Credentials?.AccessKeyId as string,
    secretAccessKey: role.Credentials?.SecretAccessKey as string,
    sessionToken: role.Credentials?.SessionToken as string,
  };
  const client = (creds: typeof base, region: string) => new EC2Client({ endpoint, region, credentials: creds, maxAttempts: 1 });
  return { name, a: (region = 'us-east-1') => client(base, region), b: (region = 'us-east-1') => client(bCreds, region), names: new Map() };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

/** The error code and HTTP status of a call that must fail. */
async function codeAndStatus(p: Promise<unknown>): Promise<{ code: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as Error).name, status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  return { code: 'no error', status: 200 };
}

/** Runs `step` on both targets and returns both results. */
async function both<T>(targets: readonly Target[], step: (t: Target) => Promise<T>): Promise<[T, T]> {
  const out: T[] = [];
  for (const t of targets) out.push(await step(t));
  return out as [T, T];
}

function named(t: Target, id: string | undefined): string {
  return (id && t.names.get(id)) ?? `?${id ?? ''}`;
}

/** A network ACL entry as `direction number action protocol block [ports]`. */
function aclRule(e: NetworkAclEntry): string {
  const ports = e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : '';
  return `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${e.CidrBlock ?? e.Ipv6CidrBlock}${ports}`;
}

function normalisePeering(t: Target, p: VpcPeeringConnection | undefined): Record<string, unknown> {
  return {
    status: p?.Status?.Code,
    requester: [p?.RequesterVpcInfo?.OwnerId, named(t, p?.RequesterVpcInfo?.VpcId), p?.RequesterVpcInfo?.Region],
    accepter: [p?.AccepterVpcInfo?.OwnerId, named(t, p?.AccepterVpcInfo?.VpcId), p?.AccepterVpcInfo?.Region],
    requesterCidr: p?.RequesterVpcInfo?.CidrBlock,
  };
}

describe.skipIf(Boolean(missing) && !process.env.CI)('sandbox and moto agree', () => {
  let moto: MotoHandle | null;
  let sb: SandboxHandle;
  let targets: Target[];

  beforeAll(async () => {
    moto = await startMoto();
    if (!moto) throw new Error('moto is required here');
    sb = await startSandbox({ scenario: { name: 'differential', accounts: [{ id: A, profile: 'a' }, { id: B, profile: 'b' }] } });
    const mine = sb.accounts[0] as { accessKeyId: string; secretAccessKey: string };
    targets = [
      await makeTarget('sandbox', sb.endpoint, { accessKeyId: mine.accessKeyId, secretAccessKey: mine.secretAccessKey }),
      await makeTarget('moto', moto.endpoint, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    ];
    // The same VPCs in both: a1, a2 (A, us-east-1), a3 (A, eu-west-1), b1 and the overlapping b2 (B).
    for (const t of targets) {
      const make = async (client: EC2Client, key: string, cidr: string) => {
        const id = (await client.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: key }] }] }))).Vpc
          ?.VpcId as string;
        t.names.set(id, key);
      };
      await make(t.a(), 'a1', '10.0.0.0/16');
      await make(t.a(), 'a2', '10.1.0.0/16');
      await make(t.a('eu-west-1'), 'a3', '10.3.0.0/16');
      await make(t.b(), 'b1', '10.2.0.0/16');
      await make(t.b(), 'b2', '10.0.128.0/17');
    }
  });
  afterAll(async () => {
    await sb?.stop();
    await moto?.stop();
  });

  const idOf = (t: Target, key: string): string => [...t.names].find(([, n]) => n === key)?.[0] as string;

  it('describes the same VPCs (without moto default VPCs), with filters and pages', async () => {
    const [s, m] = await both(targets, async (t) => {
      const out = await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }));
      return (out.Vpcs ?? [])
        .map((v) => ({ name: named(t, v.VpcId), cidr: v.CidrBlock, state: v.State, owner: v.OwnerId, tags: v.Tags, blocks: v.CidrBlockAssociationSet?.map((x) => x.CidrBlock) }))
        .sort((x, y) => x.name.localeCompare(y.name));
    });
    expect(s).toEqual(m);
    expect(s.map((v) => v.name)).toEqual(['a1', 'a2']);
    const [sByTag, mByTag] = await both(targets, async (t) =>
      ((await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['a2'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)),
    );
    expect(sByTag).toEqual(mByTag);
    const [sPage, mPage] = await both(targets, async (t) => {
      const out = await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }], MaxResults: 5 }));
      return { n: out.Vpcs?.length, more: Boolean(out.NextToken) };
    });
    expect(sPage).toEqual(mPage);
  });

  it('creates subnets, route tables and security groups alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a1');
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet;
      const rt = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable;
      const sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
      await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.2.0.0/16' }] }] }));
      const subnets = await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
      const tables = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
      const groups = await c.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }));
      return {
        subnet: [subnet?.CidrBlock, subnet?.AvailabilityZone, subnets.Subnets?.length, subnets.Subnets?.[0]?.AvailableIpAddressCount],
        newTable: rt?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]),
        tables: tables.RouteTables?.length,
        main: tables.RouteTables?.filter((x) => x.Associations?.some((a) => a.Main)).length,
        ingress: groups.SecurityGroups?.[0]?.IpPermissions?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges?.map((r) => r.CidrIp)]),
        egress: groups.SecurityGroups?.[0]?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.IpRanges?.map((r) => r.CidrIp)]),
      };
    });
    expect(s).toEqual(m);
  });

  it('runs a same-account peering lifecycle alike, with routes going blackhole', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const created = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a1'), PeerVpcId: idOf(t, 'a2') }))).VpcPeeringConnection;
      const id = created?.VpcPeeringConnectionId as string;
      t.names.set(id, 'p-a1-a2');
      const seen = async () => (await c.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0];
      const pending = normalisePeering(t, await seen());
      await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      const active = normalisePeering(t, await seen());
      const main = (await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [idOf(t, 'a1')] }, { Name: 'association.main', Values: ['true'] }] })))
        .RouteTables?.[0]?.RouteTableId as string;
      await c.send(new CreateRouteCommand({ RouteTableId: main, DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: id }));
      const dup = await code(c.send(new CreateRouteCommand({ RouteTableId: main, DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: id })));
      const routeState = async () =>
        (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [main] }))).RouteTables?.[0]?.Routes?.find((r) => r.VpcPeeringConnectionId === id)?.State;
      const before = await routeState();
      await c.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      const deleted = normalisePeering(t, await seen());
      const after = await routeState();
      const missingRoute = await code(c.send(new DeleteRouteCommand({ RouteTableId: main, DestinationCidrBlock: '10.99.0.0/16' })));
      return { createdStatus: created?.Status?.Code, pending, active, dup, before, deleted, after, missingRoute };
    });
    expect({ ...s, after: undefined }).toEqual({ ...m, after: undefined });
    expect(s).toMatchObject({ createdStatus: 'initiating-request', dup: 'RouteAlreadyExists', before: 'active', missingRoute: 'InvalidRoute.NotFound' });
    // Known moto gap: a route to a deleted peering stays `active` in moto. On AWS it turns
    // `blackhole` ("Route tables", Amazon VPC user guide: a blackhole route's target is no longer
    // available; DescribeRouteTables `route.state` filter: "blackhole … the route's target isn't
    // available"); the sandbox follows AWS.
    expect(s.after).toBe('blackhole');
    expect(m.after).toBe('active');
  });

  it('runs a cross-account peering alike: only the accepter accepts, both see it active', async () => {
    const [s, m] = await both(targets, async (t) => {
      const created = (await t.a().send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a1'), PeerVpcId: idOf(t, 'b1'), PeerOwnerId: B }))).VpcPeeringConnection;
      const id = created?.VpcPeeringConnectionId as string;
      t.names.set(id, 'p-a1-b1');
      const fromB = normalisePeering(t, (await t.b().send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0]);
      const byRequester = await code(t.a().send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
      await t.b().send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      const fromA = normalisePeering(t, (await t.a().send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0]);
      return { fromB, byRequester, fromA };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({ fromB: { status: 'pending-acceptance' }, byRequester: 'OperationNotPermitted', fromA: { status: 'active' } });
  });

  it('runs a cross-region peering alike: accepted only in the accepter region', async () => {
    const [s, m] = await both(targets, async (t) => {
      const created = (await t.a().send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a2'), PeerVpcId: idOf(t, 'a3'), PeerRegion: 'eu-west-1' })))
        .VpcPeeringConnection;
      const id = created?.VpcPeeringConnectionId as string;
      t.names.set(id, 'p-a2-a3');
      const wrongRegion = await code(t.a().send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
      await t.a('eu-west-1').send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      const seen = normalisePeering(t, (await t.a('eu-west-1').send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0]);
      return { wrongRegion, seen };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({ wrongRegion: 'OperationNotPermitted', seen: { status: 'active', accepter: [A, 'a3', 'eu-west-1'] } });
  });

  it('rejects alike: a rejected request cannot be accepted', async () => {
    const [s, m] = await both(targets, async (t) => {
      const id = (await t.a().send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a2'), PeerVpcId: idOf(t, 'b1'), PeerOwnerId: B }))).VpcPeeringConnection
        ?.VpcPeeringConnectionId as string;
      t.names.set(id, 'p-a2-b1');
      await t.b().send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      const status = (await t.a().send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0]?.Status?.Code;
      const accept = await code(t.b().send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
      const deleteRejected = await code(t.a().send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
      return { status, accept, deleteRejected };
    });
    expect({ status: s.status, accept: s.accept }).toEqual({ status: m.status, accept: m.accept });
    expect(s).toMatchObject({ status: 'rejected', accept: 'InvalidStateTransition' });
    // Known moto gap: moto deletes a rejected peering. AWS does not. EC2 API reference,
    // DeleteVpcPeeringConnection: "You cannot delete a VPC peering connection that's in the
    // failed or rejected state."
    expect(s.deleteRejected).toBe('InvalidStateTransition');
    expect(m.deleteRejected).toBe('no error');
  });

  it('differs where moto departs from AWS, and the sandbox follows AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      // Overlapping CIDRs (a1 10.0.0.0/16, b2 10.0.128.0/17).
      const id = (await t.a().send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a1'), PeerVpcId: idOf(t, 'b2'), PeerOwnerId: B }))).VpcPeeringConnection
        ?.VpcPeeringConnectionId as string;
      const overlap = (await t.a().send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }))).VpcPeeringConnections?.[0]?.Status?.Code;
      const unknown = await code(t.a().send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: ['pcx-0123456789abcdef0'] })));
      return { overlap, unknown };
    });
    // EC2 API reference, CreateVpcPeeringConnection: "If you create a VPC peering connection
    // request between VPCs with overlapping CIDR blocks, the VPC peering connection has a
    // status of failed." moto leaves it pending.
    expect(s.overlap).toBe('failed');
    expect(m.overlap).toBe('pending-acceptance');
    // An explicit unknown id is an error on AWS: "Error codes for the Amazon EC2 API" lists
    // InvalidVpcPeeringConnectionID.NotFound (the spelling the SDK waiters match; moto's own
    // exception spells it …Id.NotFound), but moto's Describe just leaves unknown ids out.
    expect(s.unknown).toBe('InvalidVpcPeeringConnectionID.NotFound');
    expect(m.unknown).toBe('no error');
  });

  it('gives VPCs and subnets their default network ACL alike, and runs entries and associations alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'n1');
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.70.1.0/24' }))).Subnet?.SubnetId as string;
      t.names.set(subnet, 'n1-a');
      const acls = async (filters: { Name: string; Values: string[] }[]) => (await c.send(new DescribeNetworkAclsCommand({ Filters: filters }))).NetworkAcls ?? [];
      const [def] = await acls([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'default', Values: ['true'] }]);
      const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: vpc }))).NetworkAcl?.NetworkAclId as string;
      const entry = (n: number, egress: boolean) =>
        c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: custom, RuleNumber: n, Egress: egress, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/8', PortRange: { From: 443, To: 443 } }));
      await entry(100, false);
      await entry(100, true);
      const dup = await code(entry(100, false));
      const moved = await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: def?.Associations?.[0]?.NetworkAclAssociationId, NetworkAclId: custom }));
      const inUse = await code(c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom })));
      const [after] = await acls([{ Name: 'association.subnet-id', Values: [subnet] }]);
      await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: def?.NetworkAclId }));
      await c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: custom, RuleNumber: 100, Egress: true }));
      const entries = (await c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [custom] }))).NetworkAcls?.[0]?.Entries?.filter((e) => (e.RuleNumber ?? 0) < 32767).map(aclRule);
      await c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom }));
      return {
        defaultEntries: def?.Entries?.map(aclRule),
        defaultSubnets: def?.Associations?.map((a) => named(t, a.SubnetId)),
        associationId: /^aclassoc-/.test(def?.Associations?.[0]?.NetworkAclAssociationId ?? ''),
        dup,
        movedTo: after?.NetworkAclId === custom,
        inUse,
        entries,
      };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({
      defaultEntries: ['out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0'],
      defaultSubnets: ['n1-a'],
      dup: 'NetworkAclEntryAlreadyExists',
      movedTo: true,
      inUse: 'DependencyViolation',
      entries: ['in 100 allow 6 10.0.0.0/8 443-443'],
    });
  });

  it('differs on network ACLs where moto departs from AWS, and the sandbox follows AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const v4 = (await c.send(new CreateVpcCommand({ CidrBlock: '10.71.0.0/16' }))).Vpc?.VpcId as string;
      const v6 = (await c.send(new CreateVpcCommand({ CidrBlock: '10.72.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;
      const defaultOf = async (vpc: string) =>
        (await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'default', Values: ['true'] }] }))).NetworkAcls?.[0];
      const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v4 }))).NetworkAcl;
      const ipv6Default = (await defaultOf(v6))?.Entries?.map(aclRule);
      const missingEntry = await codeAndStatus(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: custom?.NetworkAclId, RuleNumber: 42, Egress: false })));
      const unknownAcl = await code(c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0123456789abcdef0'] })));
      const vpcWithAcl = await code(c.send(new DeleteVpcCommand({ VpcId: v4 })));
      const deleteDefault = await code(c.send(new DeleteNetworkAclCommand({ NetworkAclId: (await defaultOf(v6))?.NetworkAclId })));
      return { customEntries: custom?.Entries?.map(aclRule), ipv6Default, missingEntry, unknownAcl, vpcWithAcl, deleteDefault };
    });
    // "Control subnet traffic with network ACLs" (Amazon VPC user guide): a custom network ACL
    // denies all traffic until rules are added, through the * rules it starts with; the
    // CreateNetworkAcl example of the EC2 API reference shows them (32767 deny, both ways).
    expect(s.customEntries).toEqual(['out 32767 deny -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0']);
    expect(m.customEntries).toEqual([]);
    // "Default network ACL" (same guide): with an IPv6 block, rules 101 (allow ::/0) and * (deny
    // ::/0) are there in both directions. moto's default ACL has the IPv4 rules only.
    expect(s.ipv6Default).toEqual([
      'out 100 allow -1 0.0.0.0/0',
      'out 101 allow -1 ::/0',
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 100 allow -1 0.0.0.0/0',
      'in 101 allow -1 ::/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
    expect(m.ipv6Default).toEqual(['out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0']);
    // "Error codes for the Amazon EC2 API": InvalidNetworkAclEntry.NotFound, "The specified
    // network ACL entry does not exist"; moto fails with HTTP 500 (an HTML page, no AWS error).
    expect(s.missingEntry).toEqual({ code: 'InvalidNetworkAclEntry.NotFound', status: 400 });
    expect(m.missingEntry.status).toBe(500);
    // Same page: InvalidNetworkAclID.NotFound; moto answers with the route table's code.
    expect(s.unknownAcl).toBe('InvalidNetworkAclID.NotFound');
    expect(m.unknownAcl).toBe('InvalidRouteTableID.NotFound');
    // DeleteVpc: "you must ... delete or detach any resources that are associated with the VPC"
    // other than its defaults; moto deletes a VPC that still has a network ACL made in it.
    expect(s.vpcWithAcl).toBe('DependencyViolation');
    expect(m.vpcWithAcl).toBe('no error');
    // DeleteNetworkAcl: "You can't delete the default network ACL." moto deletes it.
    expect(s.deleteDefault).toBe('InvalidParameterValue');
    expect(m.deleteDefault).toBe('no error');
  });

  it('runs internet, egress-only, NAT and virtual private gateways alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-2');
      const newVpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
      const [v1, v2] = [await newVpc('10.90.0.0/16'), await newVpc('10.91.0.0/16')];
      const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway;
      const g = igw?.InternetGatewayId as string;
      await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
      const igwSeen = async () => (await c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [g] }))).InternetGateways?.[0]?.Attachments;
      const attached = (await igwSeen())?.map((a) => [a.State, a.VpcId === v1]);
      const twice = await code(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v2 })));
      const deleteAttached = await code(c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g })));
      const detachWrong = await code(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v2 })));
      const byVpc = (await c.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [v1] }] }))).InternetGateways?.map((x) => x.InternetGatewayId === g);
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: v1, CidrBlock: '10.90.1.0/24' }))).Subnet?.SubnetId as string;
      const eip = await c.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip.AllocationId }))).NatGateway?.NatGatewayId as string;
      const natSeen = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways?.[0];
      const addressInUse = Boolean((await c.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId as string] }))).Addresses?.[0]?.AssociationId);
      await c.send(new DeleteNatGatewayCommand({ NatGatewayId: nat }));
      const natDeleted = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways?.[0]?.State;
      const eigw = (await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: v2 }))).EgressOnlyInternetGateway;
      const eigwSeen = (await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [eigw?.EgressOnlyInternetGatewayId as string] })))
        .EgressOnlyInternetGateways?.[0]?.Attachments?.map((a) => [a.State, a.VpcId === v2]);
      await c.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: eigw?.EgressOnlyInternetGatewayId }));
      const vgw = (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway;
      const vg = vgw?.VpnGatewayId as string;
      await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: v2 }));
      const vgwSeen = async () => (await c.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vg] }))).VpnGateways?.[0]?.VpcAttachments?.map((a) => [a.State, a.VpcId === v2]);
      const vgwAttached = await vgwSeen();
      const vpcHeld = await code(c.send(new DeleteVpcCommand({ VpcId: v2 })));
      await c.send(new DetachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: v2 }));
      const vgwDetached = await vgwSeen();
      await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
      await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g }));
      const gone = await code(c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [g] })));
      return {
        created: igw?.Attachments,
        attached,
        twice,
        deleteAttached,
        detachWrong,
        byVpc,
        nat: [natSeen?.State, natSeen?.SubnetId === subnet, natSeen?.VpcId === v1, natSeen?.NatGatewayAddresses?.map((a) => [a.AllocationId === eip.AllocationId, a.PublicIp === eip.PublicIp])],
        addressInUse,
        natDeleted,
        eigwSeen,
        vgw: [vgw?.State, vgw?.Type, vgw?.VpcAttachments],
        vgwAttached,
        vpcHeld,
        vgwDetached,
        gone,
      };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({
      created: [],
      attached: [['available', true]],
      twice: 'Resource.AlreadyAssociated',
      deleteAttached: 'DependencyViolation',
      detachWrong: 'Gateway.NotAttached',
      byVpc: [true],
      nat: ['available', true, true, [[true, true]]],
      addressInUse: true,
      natDeleted: 'deleted',
      eigwSeen: [['attached', true]],
      vgw: ['available', 'ipsec.1', []],
      vgwAttached: [['attached', true]],
      vpcHeld: 'DependencyViolation',
      vgwDetached: [['detached', true]],
      gone: 'InvalidInternetGatewayID.NotFound',
    });
  });

  it('differs on gateways where moto departs from AWS, and the sandbox follows AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-1');
      const newVpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
      const newIgw = async (vpc: string) => {
        const id = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
        await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpc }));
        return id;
      };
      const withIgw = await newVpc('10.100.0.0/16');
      const igw = await newIgw(withIgw);
      const secondIgw = await code(newIgw(withIgw));
      const spare = await newVpc('10.104.0.0/16');
      await newIgw(spare);
      const deleteVpcWithIgw = await code(c.send(new DeleteVpcCommand({ VpcId: spare })));
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: withIgw, CidrBlock: '10.100.1.0/24' }))).Subnet?.SubnetId as string;
      const eip = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const created = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip }))).NatGateway;
      const kept = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const second = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: kept }))).NatGateway?.NatGatewayId;
      await c.send(new DeleteNatGatewayCommand({ NatGatewayId: second }));
      const addresses = (await c.send(new DescribeAddressesCommand({ AllocationIds: [kept] }))).Addresses ?? [];
      const associatedAfterDelete = addresses.some((a) => a.AssociationId !== undefined);
      const releaseInUse = await code(c.send(new ReleaseAddressCommand({ AllocationId: eip })));
      const deleteSubnetWithNat = await code(c.send(new DeleteSubnetCommand({ SubnetId: subnet })));
      const detachWithNat = await code(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: withIgw })));
      const noIgwVpc = await newVpc('10.101.0.0/16');
      const noIgwSubnet = (await c.send(new CreateSubnetCommand({ VpcId: noIgwVpc, CidrBlock: '10.101.1.0/24' }))).Subnet?.SubnetId as string;
      const eip2 = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const doomed = (await c.send(new CreateNatGatewayCommand({ SubnetId: noIgwSubnet, AllocationId: eip2 }))).NatGateway?.NatGatewayId as string;
      const doomedSeen = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [doomed] }))).NatGateways?.[0];
      const unknownNat = await code(c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })));
      const eigwVpc = await newVpc('10.102.0.0/16');
      await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: eigwVpc }));
      const deleteVpcWithEigw = await code(c.send(new DeleteVpcCommand({ VpcId: eigwVpc })));
      const unknownEigw = await code(c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: ['eigw-0123456789abcdef0'] })));
      const vgwVpc = await newVpc('10.103.0.0/16');
      const newVgw = async () => (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
      const vg = await newVgw();
      const attachAnswer = (await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: vgwVpc }))).VpcAttachment?.State;
      const secondVgw = await code(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: await newVgw(), VpcId: vgwVpc })));
      const deleteAttachedVgw = await code(c.send(new DeleteVpnGatewayCommand({ VpnGatewayId: vg })));
      return {
        secondIgw,
        deleteVpcWithIgw,
        createdState: created?.State,
        releaseInUse,
        deleteSubnetWithNat,
        detachWithNat,
        associatedAfterDelete,
        doomed: [doomedSeen?.State, doomedSeen?.FailureCode],
        unknownNat,
        deleteVpcWithEigw,
        unknownEigw,
        attachAnswer,
        secondVgw,
        deleteAttachedVgw,
      };
    });
    // "Enable internet access for a VPC using an internet gateway" (Amazon VPC user guide): "You
    // can attach only one internet gateway to a VPC". moto attaches a second.
    expect([s.secondIgw, m.secondIgw]).toEqual(['InvalidParameterValue', 'no error']);
    // DeleteVpc (EC2 API reference): "you must ... detach any internet gateway ... and delete any
    // egress-only internet gateways" first. moto deletes the VPC under both.
    expect([s.deleteVpcWithIgw, m.deleteVpcWithIgw]).toEqual(['DependencyViolation', 'no error']);
    expect([s.deleteVpcWithEigw, m.deleteVpcWithEigw]).toEqual(['DependencyViolation', 'no error']);
    // NatGateway.State (EC2 API reference): "pending: The NAT gateway is being created"; the
    // CreateNatGateway example answers pending. moto answers available.
    expect([s.createdState, m.createdState]).toEqual(['pending', 'available']);
    // ReleaseAddress: "[Nondefault VPC] You must disassociate the Elastic IP address before you can
    // release it. Otherwise, Amazon EC2 returns an error (InvalidIPAddress.InUse)." moto releases it.
    expect([s.releaseInUse, m.releaseInUse]).toEqual(['InvalidIPAddress.InUse', 'no error']);
    // A NAT gateway's network interface holds its subnet ("Error codes": DependencyViolation), and
    // its Elastic IP is a mapped public address that DetachInternetGateway refuses to strand
    // (DetachInternetGateway: "The VPC must not contain any running instances with Elastic IP
    // addresses or public IPv4 addresses"). moto lets both go.
    expect([s.deleteSubnetWithNat, m.deleteSubnetWithNat]).toEqual(['DependencyViolation', 'no error']);
    expect([s.detachWithNat, m.detachWithNat]).toEqual(['DependencyViolation', 'no error']);
    // DeleteNatGateway: "Deleting a public NAT gateway disassociates its Elastic IP address". moto
    // keeps the association.
    expect([s.associatedAfterDelete, m.associatedAfterDelete]).toEqual([false, true]);
    // NatGateway.FailureCode: "Gateway.NotAttached: Network vpc-xxxxxxxx has no Internet gateway
    // attached". moto makes the gateway available.
    expect(s.doomed).toEqual(['failed', 'Gateway.NotAttached']);
    expect(m.doomed).toEqual(['available', undefined]);
    // "Error codes for the Amazon EC2 API": NatGatewayNotFound, InvalidEgressOnlyInternetGatewayId.NotFound;
    // moto's Describe leaves unknown ids out.
    expect([s.unknownNat, m.unknownNat]).toEqual(['NatGatewayNotFound', 'no error']);
    expect([s.unknownEigw, m.unknownEigw]).toEqual(['InvalidEgressOnlyInternetGatewayId.NotFound', 'no error']);
    // AttachVpnGateway's VpcAttachment starts attaching (AttachmentStatus); "You can attach one
    // virtual private gateway to one VPC at a time" and a VPC with one answers InvalidVpcState;
    // deleting one still attached is IncorrectState ("Error codes": "If you are deleting a
    // virtual private gateway, ensure that it's detached from the VPC"). moto: attached at once,
    // a second gateway attaches, the attached one is deleted.
    expect([s.attachAnswer, m.attachAnswer]).toEqual(['attaching', 'attached']);
    expect([s.secondVgw, m.secondVgw]).toEqual(['InvalidVpcState', 'no error']);
    expect([s.deleteAttachedVgw, m.deleteAttachedVgw]).toEqual(['IncorrectState', 'no error']);
  });

  it('routes to an internet gateway alike, and differs where moto departs from AWS on gateway targets', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('ca-central-1');
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.110.0.0/16' }))).Vpc?.VpcId as string;
      const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
      const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
      const detachedTarget = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })));
      await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
      await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: igw }));
      const state = async () => (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '1.0.0.0/8');
      const before = await state();
      await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
      await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
      const after = (await state())?.State;
      const unknownIgw = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '2.0.0.0/8', GatewayId: 'igw-0123456789abcdef0' })));
      const unknownNat = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '3.0.0.0/8', NatGatewayId: 'nat-0123456789abcdef0' })));
      return { before: [before?.GatewayId === igw, before?.State], detachedTarget, after, unknownIgw, unknownNat };
    });
    expect(s.before).toEqual(m.before);
    expect(s.before).toEqual([true, 'active']);
    // "Route tables" (Amazon VPC user guide): a route whose target is gone is a blackhole; the
    // route.state filter of DescribeRouteTables: "blackhole … the route's target isn't available".
    // moto keeps the route to a deleted internet gateway active.
    expect([s.after, m.after]).toEqual(['blackhole', 'active']);
    // CreateRoute's GatewayId is "an internet gateway or virtual private gateway attached to your
    // VPC"; AWS answers "route table … and network gateway … belong to different networks" for one
    // that is not, and InvalidGatewayID.NotFound ("The gateway ID '…' does not exist") for one it
    // does not know. moto routes to a detached gateway and answers InvalidInternetGatewayID.NotFound.
    expect([s.detachedTarget, m.detachedTarget]).toEqual(['InvalidParameterValue', 'no error']);
    expect([s.unknownIgw, m.unknownIgw]).toEqual(['InvalidGatewayID.NotFound', 'InvalidInternetGatewayID.NotFound']);
    // "Error codes for the Amazon EC2 API": InvalidNatGatewayID.NotFound; moto keeps a route to a
    // NAT gateway that does not exist.
    expect([s.unknownNat, m.unknownNat]).toEqual(['InvalidNatGatewayID.NotFound', 'no error']);
  });

  it('keeps state per account and region alike', async () => {
    const [s, m] = await both(targets, async (t) => ({
      bVpcs: ((await t.b().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)).sort(),
      euVpcs: ((await t.a('eu-west-1').send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)),
      foreign: await code(t.b().send(new DescribeVpcsCommand({ VpcIds: [idOf(t, 'a1')] }))),
    }));
    expect(s).toEqual(m);
    expect(s).toEqual({ bVpcs: ['b1', 'b2'], euVpcs: ['a3'], foreign: 'InvalidVpcID.NotFound' });
  });
});
