/** Differential tests: the same scenario runs through the real SDK against the sandbox and against
 * moto 5.2.1 (an independent EC2/STS implementation); their normalised answers must agree.
 *
 * Accounts: moto acts in 123456789012 for keys it did not issue, and STS AssumeRole into
 * `arn:aws:iam::<acct>:role/x` gives keys that act in <acct>; the
 * sandbox's scenario has the same two accounts and the same AssumeRole. Where moto departs from
 * AWS, the test names the AWS documentation page and asserts that the
 * sandbox follows AWS. Off CI a missing moto skips these tests with a message; on CI
 * (`CI` set) they fail.
 */
import {
  AcceptVpcPeeringConnectionCommand,
  AssociateDhcpOptionsCommand,
  AssociateVpcCidrBlockCommand,
  AttachNetworkInterfaceCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateDhcpOptionsCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateManagedPrefixListCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteDhcpOptionsCommand,
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
  DescribeDhcpOptionsCommand,
  DeleteVpnGatewayCommand,
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DeleteManagedPrefixListCommand,
  DeleteVpcEndpointsCommand,
  DescribeManagedPrefixListsCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupReferencesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeStaleSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DescribeVpnGatewaysCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  ModifyManagedPrefixListCommand,
  DetachNetworkInterfaceCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ModifySecurityGroupRulesCommand,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  RejectVpcPeeringConnectionCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type DescribeSecurityGroupRulesCommandInput,
  type DhcpOptions,
  type Filter,
  type NetworkInterface,
  type SecurityGroupRule,
  ReleaseAddressCommand,
  ReplaceNetworkAclAssociationCommand,
  type NetworkAclEntry,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason } from '../src/testing/moto';
import { A, B, both, code, failure, named, startDifferentialPair, type DifferentialPair, type Target } from './moto-targets';

const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/** The error code and HTTP status of a call that must fail. */
async function codeAndStatus(p: Promise<unknown>): Promise<{ code: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as Error).name, status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  return { code: 'no error', status: 200 };
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

/** A rule without its ids and ARN, for comparing answers. */
function normaliseRule(t: Target, r: SecurityGroupRule | undefined): Record<string, unknown> {
  return {
    group: named(t, r?.GroupId),
    egress: r?.IsEgress,
    protocol: r?.IpProtocol,
    ports: [r?.FromPort, r?.ToPort],
    cidr: r?.CidrIpv4,
    description: r?.Description,
    tags: r?.Tags,
  };
}

/** A network interface without its ids and addresses, for comparing answers. */
function normaliseInterface(t: Target, n: NetworkInterface | undefined): Record<string, unknown> {
  return {
    status: n?.Status,
    subnet: named(t, n?.SubnetId),
    vpc: named(t, n?.VpcId),
    zone: n?.AvailabilityZone,
    groups: n?.Groups?.map((g) => g.GroupName),
    type: n?.InterfaceType,
    description: n?.Description,
    sourceDestCheck: n?.SourceDestCheck,
    tags: n?.TagSet,
    owner: n?.OwnerId,
  };
}

/** A DHCP options set's options, in key order. */
function normaliseDhcp(d: DhcpOptions | undefined): [string | undefined, (string | undefined)[]][] {
  return (d?.DhcpConfigurations ?? [])
    .map((c): [string | undefined, (string | undefined)[]] => [c.Key, (c.Values ?? []).map((v) => v.Value)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

describe.skipIf(Boolean(missing) && !process.env.CI)('sandbox and moto agree', () => {
  let pair: DifferentialPair | undefined;
  let targets: Target[];

  beforeAll(async () => {
    pair = await startDifferentialPair('differential');
    targets = pair.targets;
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
    await pair?.stop();
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

  it('answers security group ARNs and refuses an empty description alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a2');
      const created = await c.send(new CreateSecurityGroupCommand({ GroupName: 'arn', Description: 'arn', VpcId: vpc }));
      t.names.set(created.GroupId as string, 'sg-arn');
      const described = (await c.send(new DescribeSecurityGroupsCommand({ GroupIds: [created.GroupId as string] }))).SecurityGroups?.[0];
      const arn = (a: string | undefined) => a?.replace(created.GroupId as string, '<sg-arn>');
      return {
        created: arn(created.SecurityGroupArn),
        described: arn(described?.SecurityGroupArn),
        empty: await failure(t, c.send(new CreateSecurityGroupCommand({ GroupName: 'empty', Description: '', VpcId: vpc }))),
      };
    });
    expect(s).toEqual(m);
    expect(s).toEqual({
      created: `arn:aws:ec2:us-east-1:${A}:security-group/<sg-arn>`,
      described: `arn:aws:ec2:us-east-1:${A}:security-group/<sg-arn>`,
      empty: { code: 'MissingParameter', message: 'The request must contain the parameter GroupDescription' },
    });
  });

  it("checks an IPv6-only subnet's IPv6 source before its IPv4 parameters alike", async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a1');
      return {
        // 10.0.1.0/24 is taken by an earlier test's subnet: the IPv6 checks come first all the same.
        noSource: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, CidrBlock: '10.0.1.0/24' }))),
        withIpv4: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' }))),
      };
    });
    expect(s).toEqual(m);
    expect(s).toEqual({
      noSource: { code: 'MissingParameter', message: "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided." },
      withIpv4: {
        code: 'InvalidParameterCombination',
        message: 'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
      },
    });
  });

  it('limits CIDR blocks alike, word for word, and differs on border groups where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const make = async (key: string, cidr: string, ipv6 = false): Promise<string> => {
        const id = (await c.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc?.VpcId as string;
        t.names.set(id, key);
        return id;
      };
      const four = await make('cidr-limit', '10.40.0.0/16');
      for (const cidr of ['10.41.0.0/16', '10.42.0.0/16', '10.43.0.0/16', '10.44.0.0/16']) await c.send(new AssociateVpcCidrBlockCommand({ VpcId: four, CidrBlock: cidr }));
      const sixth = await failure(t, c.send(new AssociateVpcCidrBlockCommand({ VpcId: four, CidrBlock: '10.45.0.0/16' })));
      const v6 = await make('v6-limit', '10.46.0.0/16', true);
      const sameGroup = await failure(t, c.send(new AssociateVpcCidrBlockCommand({ VpcId: v6, AmazonProvidedIpv6CidrBlock: true })));
      const otherGroup = await failure(
        t,
        c.send(new AssociateVpcCidrBlockCommand({ VpcId: v6, AmazonProvidedIpv6CidrBlock: true, Ipv6CidrBlockNetworkBorderGroup: 'us-east-1-bos-1' })),
      );
      return { sixth, sameGroup, otherGroup };
    });
    expect({ ...s, otherGroup: undefined }).toEqual({ ...m, otherGroup: undefined });
    expect(s.sixth).toEqual({ code: 'CidrLimitExceeded', message: 'This network <cidr-limit> has met its maximum number of allowed CIDRs: 5' });
    expect(s.sameGroup).toEqual({ code: 'CidrLimitExceeded', message: 'This network <v6-limit> has met its maximum number of allowed CIDRs: 1' });
    // Known moto gap: moto allows one IPv6 block per VPC whatever its border group. On AWS a VPC
    // holds up to five IPv6 blocks ("Amazon VPC quotas": IPv6 CIDR blocks per VPC) and one
    // Amazon-provided block per network border group (EC2 API reference, AssociateVpcCidrBlock,
    // Ipv6CidrBlockNetworkBorderGroup: "You can have one IPv6 CIDR block association per network
    // border group."); the sandbox follows AWS.
    expect(s.otherGroup).toEqual({ code: 'no error', message: '' });
    expect(m.otherGroup.code).toBe('CidrLimitExceeded');
  });

  it('answers the current subnet fields and filter aliases, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'fields');
      const id = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
      await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.2.0/24', AvailabilityZone: 'us-east-1b' }));
      const seen = (await c.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets?.[0];
      const zoneId = seen?.AvailabilityZoneId as string;
      const count = async (Name: string, Values: string[]): Promise<number | string> => {
        try {
          return (await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name, Values }] }))).Subnets?.length ?? 0;
        } catch (e) {
          return (e as Error).name;
        }
      };
      return {
        agreed: {
          ipv6Native: seen?.Ipv6Native,
          assignIpv6: seen?.AssignIpv6AddressOnCreation,
          hostnames: seen?.PrivateDnsNameOptionsOnLaunch,
          availabilityZone: await count('availabilityZone', ['us-east-1a']),
          cidrBlock: await count('cidrBlock', ['10.50.2.0/24']),
          defaultForAz: await count('defaultForAz', ['false']),
          zoneIdKebab: await count('availability-zone-id', [zoneId]),
        },
        fields: { dns64: seen?.EnableDns64, coip: seen?.MapCustomerOwnedIpOnLaunch, bpa: seen?.BlockPublicAccessStates },
        zoneIdAlias: await count('availabilityZoneId', [zoneId]),
        noIpv6Block: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' }))),
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      ipv6Native: false,
      assignIpv6: false,
      hostnames: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      availabilityZone: 1,
      cidrBlock: 1,
      defaultForAz: 2,
      zoneIdKebab: 1,
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto leaves out EnableDns64, MapCustomerOwnedIpOnLaunch and BlockPublicAccessStates; AWS
    //   answers them for every subnet (EC2 API reference, Subnet; DescribeSubnets examples in the
    //   AWS CLI reference show false, false and InternetGatewayBlockMode "off").
    expect(s.fields).toEqual({ dns64: false, coip: false, bpa: { InternetGatewayBlockMode: 'off' } });
    expect(m.fields).toEqual({ dns64: undefined, coip: undefined, bpa: undefined });
    // - moto has no availabilityZoneId filter (it answers HTTP 500); the EC2 API reference of
    //   DescribeSubnets lists it: "availability-zone-id … You can also use availabilityZoneId".
    expect(s.zoneIdAlias).toBe(1);
    expect(m.zoneIdAlias).not.toBe(1);
    // - moto takes an IPv6 block in a VPC that has none; on AWS a subnet's IPv6 block must come
    //   from the VPC's IPv6 blocks ("Subnet CIDR blocks", Amazon VPC user guide), and the
    //   answer is InvalidSubnet.Range "The IPv6 CIDR '…' is invalid."
    expect(s.noIpv6Block).toEqual({ code: 'InvalidSubnet.Range', message: "The IPv6 CIDR '2600:1f18:7cb4:2e01::/64' is invalid." });
    expect(m.noIpv6Block.code).toBe('no error');
  });

  it('describes and modifies security group rules alike by their sgr- ids, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'rules', Description: 'rules', VpcId: idOf(t, 'a1') }))).GroupId as string;
      t.names.set(sg, 'sg-rules');
      const added = await c.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: sg,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.2.0.0/16', Description: 'web' }] }],
          TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'Team', Value: 'web' }] }],
        }),
      );
      const ruleId = added.SecurityGroupRules?.[0]?.SecurityGroupRuleId as string;
      t.names.set(ruleId, 'sgr-web');
      const ofGroup = (await c.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [sg] }] }))).SecurityGroupRules ?? [];
      const ids = async (input: DescribeSecurityGroupRulesCommandInput) =>
        ((await c.send(new DescribeSecurityGroupRulesCommand(input))).SecurityGroupRules ?? []).map((r) => named(t, r.SecurityGroupRuleId));
      const byId = await ids({ SecurityGroupRuleIds: [ruleId] });
      const byTag = await ids({ Filters: [{ Name: 'tag:Team', Values: ['web'] }] });
      const unknown = await failure(t, c.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })));
      await c.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: sg,
          SecurityGroupRules: [{ SecurityGroupRuleId: ruleId, SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, CidrIpv4: '10.4.0.0/16', Description: 'moved' } }],
        }),
      );
      const modified = (await c.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [ruleId] }))).SecurityGroupRules?.[0];
      const firstPage = await c.send(new DescribeSecurityGroupRulesCommand({ MaxResults: 5 }));
      return {
        agreed: {
          rules: ofGroup.map((r) => normaliseRule(t, r)).sort((x, y) => Number(x.egress) - Number(y.egress)),
          sameIdAsAuthorized: ofGroup.some((r) => r.SecurityGroupRuleId === ruleId),
          byId,
          byTag,
          unknown,
          modified: normaliseRule(t, modified),
        },
        owner: modified?.GroupOwnerId,
        paged: { n: firstPage.SecurityGroupRules?.length, more: Boolean(firstPage.NextToken) },
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toMatchObject({
      sameIdAsAuthorized: true,
      byId: ['sgr-web'],
      byTag: ['sgr-web'],
      unknown: { code: 'InvalidSecurityGroupRuleId.NotFound', message: "The security group rule ID 'sgr-0123456789abcdef0' does not exist" },
      modified: { group: 'sg-rules', egress: false, protocol: 'tcp', ports: [8443, 8443], cidr: '10.4.0.0/16', description: 'moved', tags: [{ Key: 'Team', Value: 'web' }] },
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto's rules have no GroupOwnerId; AWS answers it for every rule (EC2 API reference,
    //   SecurityGroupRule; the AWS CLI reference's describe-security-group-rules examples).
    expect(s.owner).toBe(A);
    expect(m.owner).toBeUndefined();
    // - moto ignores MaxResults and answers every rule at once; AWS pages (EC2 API reference,
    //   DescribeSecurityGroupRules: MaxResults 5 to 1000, NextToken).
    expect(s.paged).toEqual({ n: 5, more: true });
    expect(m.paged.more).toBe(false);
  });

  it('answers security group references and stale rules across a peering, which moto does not implement', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const pcx = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: idOf(t, 'a1'), PeerVpcId: idOf(t, 'a2') }))).VpcPeeringConnection
        ?.VpcPeeringConnectionId as string;
      t.names.set(pcx, 'p-a1-a2-again');
      await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
      const target = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'target', Description: 'target', VpcId: idOf(t, 'a2') }))).GroupId as string;
      const referrer = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'referrer', Description: 'referrer', VpcId: idOf(t, 'a1') }))).GroupId as string;
      t.names.set(target, 'sg-target');
      t.names.set(referrer, 'sg-referrer');
      await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: target }] }] }));
      const refs = async () => {
        try {
          return ((await c.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [target] }))).SecurityGroupReferenceSet ?? []).map((r) => [
            named(t, r.ReferencingVpcId),
            named(t, r.VpcPeeringConnectionId),
          ]);
        } catch (e) {
          return (e as Error).name;
        }
      };
      const staleOf = async () => {
        try {
          return ((await c.send(new DescribeStaleSecurityGroupsCommand({ VpcId: idOf(t, 'a1') }))).StaleSecurityGroupSet ?? []).map((g) => [
            named(t, g.GroupId),
            g.StaleIpPermissions?.flatMap((p) => p.UserIdGroupPairs?.map((x) => [named(t, x.GroupId), named(t, x.VpcPeeringConnectionId), x.PeeringStatus])),
          ]);
        } catch (e) {
          return (e as Error).name;
        }
      };
      const before = { refs: await refs(), stale: await staleOf() };
      await c.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
      return { before, after: { refs: await refs(), stale: await staleOf() } };
    });
    // EC2 API reference, DescribeSecurityGroupReferences and DescribeStaleSecurityGroups; the VPC
    // Peering Guide's examples: a rule referencing a peer VPC's group is stale once the peering
    // is deleted, and names it with PeeringStatus "deleted". moto answers neither call (HTTP 500).
    expect(s).toEqual({
      before: { refs: [['a1', 'p-a1-a2-again']], stale: [] },
      after: { refs: [], stale: [['sg-referrer', [['sg-target', 'p-a1-a2-again', 'deleted']]]] },
    });
    expect(typeof m.before.refs).toBe('string');
    expect(typeof m.after.stale).toBe('string');
  });

  it('keeps DHCP options sets alike, and differs on the default set and the fields moto drops', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a2');
      const created = (
        await c.send(
          new CreateDhcpOptionsCommand({
            DhcpConfigurations: [
              { Key: 'domain-name', Values: ['corp.example'] },
              { Key: 'domain-name-servers', Values: ['10.1.0.2', '10.1.0.3'] },
            ],
            TagSpecifications: [{ ResourceType: 'dhcp-options', Tags: [{ Key: 'Name', Value: 'corp' }] }],
          }),
        )
      ).DhcpOptions;
      const id = created?.DhcpOptionsId as string;
      t.names.set(id, 'dopt-corp');
      const described = (await c.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id] }))).DhcpOptions?.[0];
      const byValue = ((await c.send(new DescribeDhcpOptionsCommand({ Filters: [{ Name: 'key', Values: ['domain-name'] }, { Name: 'value', Values: ['corp.example'] }] }))).DhcpOptions ?? []).map(
        (d) => named(t, d.DhcpOptionsId),
      );
      const dhcpOfVpc = async () => named(t, (await c.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs?.[0]?.DhcpOptionsId);
      const fresh = await dhcpOfVpc();
      await c.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: id }));
      const associated = await dhcpOfVpc();
      const busy = await failure(t, c.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: id })));
      await c.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: 'default' }));
      const none = (await c.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs?.[0]?.DhcpOptionsId;
      await c.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: id }));
      const gone = await failure(t, c.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id] })));
      const defaults = ((await c.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions ?? []).map(normaliseDhcp);
      return {
        agreed: { created: normaliseDhcp(created), described: normaliseDhcp(described), byValue, associated, busy: busy.code, none, gone: gone.code },
        fresh,
        tags: described?.Tags,
        owner: described?.OwnerId,
        messages: [busy.message, gone.message],
        defaults,
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      created: [
        ['domain-name', ['corp.example']],
        ['domain-name-servers', ['10.1.0.2', '10.1.0.3']],
      ],
      described: [
        ['domain-name', ['corp.example']],
        ['domain-name-servers', ['10.1.0.2', '10.1.0.3']],
      ],
      byValue: ['dopt-corp'],
      associated: 'dopt-corp',
      busy: 'DependencyViolation',
      none: 'default',
      gone: 'InvalidDhcpOptionID.NotFound',
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto has no default DHCP options set: its new VPCs answer DhcpOptionsId "default" and its
    //   DescribeDhcpOptions lists none. On AWS "each Region has a default DHCP option set. Each
    //   VPC uses the default DHCP option set for its Region" ("DHCP option set concepts", Amazon
    //   VPC user guide), with AmazonProvidedDNS and ec2.internal in us-east-1 (EC2 API reference,
    //   CreateDhcpOptions).
    expect(s.fresh).toMatch(/^\?dopt-/);
    expect(m.fresh).toBe('?default');
    expect(s.defaults).toContainEqual([
      ['domain-name', ['ec2.internal']],
      ['domain-name-servers', ['AmazonProvidedDNS']],
    ]);
    expect(m.defaults).toEqual([]);
    // - moto drops the TagSpecifications of CreateDhcpOptions and answers no OwnerId (EC2 API
    //   reference, CreateDhcpOptions TagSpecification and DhcpOptions OwnerId).
    expect([s.tags, s.owner]).toEqual([[{ Key: 'Name', Value: 'corp' }], A]);
    expect([m.tags, m.owner]).toEqual([[], undefined]);
    // - moto words its errors its own way; the sandbox answers AWS's words.
    expect(s.messages).toEqual(["The dhcpOptions '<dopt-corp>' has dependencies and cannot be deleted.", "The dhcpOption ID '<dopt-corp>' does not exist"]);
    expect(m.messages).toEqual(['Cannot delete assigned DHCP options.', 'DhcpOptionID <dopt-corp> does not exist.']);
  });

  it('reads and changes VPC DNS attributes alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'dns');
      const attr = async (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => {
        const out = await c.send(new DescribeVpcAttributeCommand({ VpcId: vpc, Attribute }));
        return (Attribute === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value;
      };
      const defaults = [await attr('enableDnsSupport'), await attr('enableDnsHostnames')];
      await c.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
      const hostnames = await attr('enableDnsHostnames');
      const both = await failure(t, c.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } })));
      await c.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: false } }));
      await c.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: false } }));
      const withoutSupport = await failure(t, c.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } })));
      return { agreed: { defaults, hostnames, support: await attr('enableDnsSupport') }, both, withoutSupport };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({ defaults: [true, false], hostnames: true, support: false });
    // Known moto gaps, where the sandbox follows AWS (EC2 API reference, ModifyVpcAttribute: "You
    // cannot modify the DNS resolution and DNS hostnames attributes in the same request … You can
    // only enable DNS hostnames if you've enabled DNS support."); moto takes both requests.
    expect(s.both).toEqual({ code: 'InvalidParameterCombination', message: 'Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport' });
    expect(m.both.code).toBe('no error');
    expect(s.withoutSupport.code).toBe('InvalidParameterValue');
    expect(m.withoutSupport.code).toBe('no error');
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

  it('keeps managed prefix lists alike: versions, entries and the AWS-managed lists; differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const created = (
        await c.send(new CreateManagedPrefixListCommand({ PrefixListName: 'offices', MaxEntries: 2, AddressFamily: 'IPv4', Entries: [{ Cidr: '192.0.2.0/24', Description: 'London' }] }))
      ).PrefixList;
      const id = created?.PrefixListId as string;
      t.names.set(id, 'pl-offices');
      const described = (await c.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] }))).PrefixLists?.[0];
      const modified = (await c.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 1, AddEntries: [{ Cidr: '198.51.100.0/24' }] }))).PrefixList;
      const entries = async (listId: string, TargetVersion?: number) =>
        ((await c.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: listId, TargetVersion }))).Entries ?? []).map((e) => e.Cidr).sort();
      const byName = ((await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['offices'] }] }))).PrefixLists ?? []).map((p) => named(t, p.PrefixListId));
      const awsManaged: Record<string, unknown>[] = [];
      for (const service of ['s3', 'dynamodb']) {
        const list = (await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.us-east-1.${service}`] }] }))).PrefixLists?.[0];
        awsManaged.push({ owner: list?.OwnerId, family: list?.AddressFamily, max: list?.MaxEntries, version: list?.Version, cidrs: await entries(list?.PrefixListId as string) });
      }
      const agreed = {
        described: [described?.State, described?.Version, described?.MaxEntries, described?.AddressFamily, described?.OwnerId],
        modifiedVersion: modified?.Version,
        now: await entries(id),
        first: await entries(id, 1),
        awsManaged,
      };
      // Requests AWS refuses, after everything compared: moto takes them.
      const stale = await failure(t, c.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 1, AddEntries: [{ Cidr: '203.0.113.0/24' }] })));
      const overSize = await failure(t, c.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, CurrentVersion: 2, AddEntries: [{ Cidr: '203.0.112.0/24' }] })));
      const sizeAndEntries = await failure(t, c.send(new ModifyManagedPrefixListCommand({ PrefixListId: id, MaxEntries: 9, AddEntries: [{ Cidr: '203.0.111.0/24' }] })));
      const unknown = await failure(t, c.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: ['pl-0123456789abcdef0'] })));
      return { agreed, byName, createdState: created?.State, stale, overSize, sizeAndEntries, unknown };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      described: ['create-complete', 1, 2, 'IPv4', A],
      modifiedVersion: 2,
      now: ['192.0.2.0/24', '198.51.100.0/24'],
      first: ['192.0.2.0/24'],
      awsManaged: [
        { owner: 'AWS', family: 'IPv4', max: undefined, version: undefined, cidrs: ['3.5.0.0/19', '52.216.0.0/15', '54.231.0.0/16'] },
        { owner: 'AWS', family: 'IPv4', max: undefined, version: undefined, cidrs: ['3.218.180.0/23', '3.218.182.0/24', '52.119.224.0/20', '52.94.0.0/22'] },
      ],
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - a new list is answered `create-in-progress` (EC2 API reference, ManagedPrefixList state
    //   and the CreateManagedPrefixList example; changes to a list are asynchronous); moto answers
    //   `create-complete` at once.
    expect([s.createdState, m.createdState]).toEqual(['create-in-progress', 'create-complete']);
    // - moto forgets a list's name when a modification does not give one (its DescribeManagedPrefixLists
    //   then finds nothing by name); PrefixListName is optional in ModifyManagedPrefixList and only
    //   renames the list when given (EC2 API reference).
    expect([s.byName, m.byName]).toEqual([['pl-offices'], []]);
    // - moto ignores CurrentVersion and MaxEntries and takes entries and size in one request (EC2
    //   API reference, ModifyManagedPrefixList: "If you specify a current version number that does
    //   not match the true current version number, the request fails"; "You cannot modify the
    //   entries of a prefix list and modify the size of a prefix list at the same time").
    expect(s.stale).toEqual({ code: 'PrefixListVersionMismatch', message: 'The prefix list has the incorrect version number.' });
    expect(s.overSize.code).toBe('PrefixListMaxEntriesExceeded');
    expect(s.sizeAndEntries).toEqual({ code: 'InvalidParameterCombination', message: 'You cannot modify the entries and the maximum entries for the prefix list in the same request.' });
    expect([m.stale.code, m.overSize.code, m.sizeAndEntries.code]).toEqual(['no error', 'no error', 'no error']);
    // - an explicit unknown id is an error on AWS (InvalidPrefixListID.NotFound, "Error codes for
    //   the Amazon EC2 API"); moto answers an empty list.
    expect(s.unknown).toEqual({ code: 'InvalidPrefixListID.NotFound', message: 'The prefix list (pl-0123456789abcdef0) does not exist.' });
    expect(m.unknown.code).toBe('no error');
  });

  it('routes to prefix lists and names them in rules alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = async (key: string, cidr: string) => {
        const id = (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
        t.names.set(id, key);
        return id;
      };
      const x = await vpc('plx', '10.80.0.0/16');
      const y = await vpc('ply', '10.81.0.0/16');
      const pcx = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: x, PeerVpcId: y }))).VpcPeeringConnection?.VpcPeeringConnectionId as string;
      t.names.set(pcx, 'p-plx-ply');
      await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
      const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: x }))).RouteTable?.RouteTableId as string;
      const list = (await c.send(new CreateManagedPrefixListCommand({ PrefixListName: 'partners', MaxEntries: 3, AddressFamily: 'IPv4', Entries: [{ Cidr: '10.81.0.0/24' }] }))).PrefixList
        ?.PrefixListId as string;
      t.names.set(list, 'pl-partners');
      await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: list, VpcPeeringConnectionId: pcx }));
      const routes = async () => (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? [];
      const route = (await routes()).find((r) => r.DestinationPrefixListId);
      const sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'pl-rules', Description: 'pl-rules', VpcId: x }))).GroupId as string;
      await c.send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: list, Description: 'ssh' }] }] }),
      );
      const permissions = (await c.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).SecurityGroups?.[0]?.IpPermissions ?? [];
      const rules = (await c.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [sg] }] }))).SecurityGroupRules ?? [];
      const agreed = {
        route: [named(t, route?.DestinationPrefixListId), named(t, route?.VpcPeeringConnectionId), route?.Origin, route?.State],
        permission: permissions.map((p) => [p.IpProtocol, p.FromPort, p.PrefixListIds?.map((pl) => named(t, pl.PrefixListId))]),
        rule: rules.filter((r) => r.PrefixListId).map((r) => [r.IsEgress, named(t, r.PrefixListId), r.FromPort]),
      };
      const descriptions = permissions.flatMap((p) => p.PrefixListIds?.map((pl) => pl.Description) ?? []);
      const unknownRoute = await failure(t, c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: 'pl-0123456789abcdef0', VpcPeeringConnectionId: pcx })));
      const unknownRule = await failure(
        t,
        c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] }] })),
      );
      const deleting = (await c.send(new DeleteManagedPrefixListCommand({ PrefixListId: list }))).PrefixList?.State;
      const after = (await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['partners'] }] }))).PrefixLists?.[0]?.State;
      return { agreed, descriptions, unknownRoute, unknownRule, deleting, after };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      route: ['pl-partners', 'p-plx-ply', 'CreateRoute', 'active'],
      permission: [['tcp', 22, ['pl-partners']]],
      rule: [[false, 'pl-partners', 22]],
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto drops the description of a prefix list in DescribeSecurityGroups (EC2 API reference,
    //   PrefixListId: Description "A description for the security group rule that references
    //   this prefix list ID").
    expect([s.descriptions, m.descriptions]).toEqual([['ssh'], [undefined]]);
    // - moto takes an unknown prefix list in a route (leaving a route without a destination) and in
    //   a rule; AWS answers InvalidPrefixListID.NotFound ("Error codes for the Amazon EC2 API").
    expect(s.unknownRoute).toEqual({ code: 'InvalidPrefixListID.NotFound', message: "The prefix list ID 'pl-0123456789abcdef0' does not exist" });
    expect(s.unknownRule).toEqual(s.unknownRoute);
    expect([m.unknownRoute.code, m.unknownRule.code]).toEqual(['no error', 'no error']);
    // - moto deletes a list that a route and a rule reference; on AWS the deletion is answered
    //   `delete-in-progress` and ends in `delete-failed` (EC2 API reference, ManagedPrefixList
    //   state; the VPC user guide: remove the references before deleting a prefix list).
    expect([s.deleting, s.after]).toEqual(['delete-in-progress', 'delete-failed']);
    expect([m.deleting, m.after]).toEqual(['delete-complete', 'delete-complete']);
  });

  it('makes gateway and interface endpoints alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.82.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'vpce-vpc');
      const table = async () => (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
      const [t1, t2] = [await table(), await table()];
      t.names.set(t1, 'rtb-1');
      const subnet = async (cidr: string, key: string) => {
        const id = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
        t.names.set(id, key);
        return id;
      };
      const [sub1, sub2] = [await subnet('10.82.1.0/24', 'sub-1'), await subnet('10.82.2.0/24', 'sub-2')];
      const s3List = (await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists?.[0]?.PrefixListId;
      const gw = (await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [t1] }))).VpcEndpoint;
      const gwId = gw?.VpcEndpointId as string;
      t.names.set(gwId, 'vpce-s3');
      const endpointRoutes = async (rtb: string, id: string) =>
        ((await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? []).filter((r) => r.GatewayId === id);
      const route = (await endpointRoutes(t1, gwId)).map((r) => [r.DestinationPrefixListId === s3List, named(t, r.GatewayId), r.Origin, r.State]);
      const described = ((await c.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'service-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).VpcEndpoints ?? []).map(
        (e) => [named(t, e.VpcEndpointId), e.VpcEndpointType, e.State, e.RouteTableIds?.map((id) => named(t, id))],
      );
      const iface = (
        await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.ec2', SubnetIds: [sub1], PrivateDnsEnabled: false }))
      ).VpcEndpoint;
      const services = ((await c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.ec2', 'com.amazonaws.us-east-1.sts', 'com.amazonaws.us-east-1.ssm'] }))).ServiceDetails ?? []).map(
        (d) => [d.ServiceName, d.ServiceType?.map((x) => x.ServiceType), d.Owner, d.BaseEndpointDnsNames, d.PrivateDnsName, d.VpcEndpointPolicySupported, d.AcceptanceRequired],
      );
      const s3Types = ((await c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.s3'] }))).ServiceDetails ?? [])
        .flatMap((d) => d.ServiceType?.map((x) => x.ServiceType) ?? [])
        .sort();
      const gatewayNames = (await c.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }))).ServiceNames;
      const unknownService = await failure(t, c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nothing'] })));
      const unknownEndpoint = await code(c.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] })));
      const deleted = (await c.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [gwId] }))).Unsuccessful;
      const agreed = {
        created: [gw?.VpcEndpointType, gw?.State, gw?.RouteTableIds?.map((id) => named(t, id))],
        route,
        described,
        iface: [iface?.VpcEndpointType, iface?.SubnetIds?.map((id) => named(t, id)), iface?.NetworkInterfaceIds?.map((id) => id.slice(0, 4)), iface?.PrivateDnsEnabled],
        services,
        s3Types,
        gatewayNames,
        unknownService,
        unknownEndpoint,
        deleted,
        routeAfter: (await endpointRoutes(t1, gwId)).length,
      };
      // Where AWS and moto part, after everything compared.
      const gatewayDns = gw?.PrivateDnsEnabled;
      const ifaceGroups = iface?.Groups?.map((g) => g.GroupName);
      const dupZone = await code(
        c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sts', SubnetIds: [sub1, sub2], PrivateDnsEnabled: false })),
      );
      const gatewayForEc2 = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.ec2' })));
      const unknownCreate = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.nothing' })));
      const dynamo = (await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: [t2] }))).VpcEndpoint
        ?.VpcEndpointId as string;
      await c.send(new ModifyVpcEndpointCommand({ VpcEndpointId: dynamo, AddRouteTableIds: [t1] }));
      const addedRoute = (await endpointRoutes(t1, dynamo)).length;
      const secondOnTable = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: [t2] })));
      const unknownDelete = (await c.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] }))).Unsuccessful?.map((u) => u.Error?.Code);
      const lone = (await c.send(new CreateVpcCommand({ CidrBlock: '10.83.0.0/16' }))).Vpc?.VpcId as string;
      await c.send(new CreateVpcEndpointCommand({ VpcId: lone, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3' }));
      const deleteVpc = await code(c.send(new DeleteVpcCommand({ VpcId: lone })));
      return { agreed, gatewayDns, ifaceGroups, dupZone, gatewayForEc2, unknownCreate, addedRoute, secondOnTable, unknownDelete, deleteVpc };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      created: ['Gateway', 'available', ['rtb-1']],
      route: [[true, 'vpce-s3', 'CreateRoute', 'active']],
      described: [['vpce-s3', 'Gateway', 'available', ['rtb-1']]],
      iface: ['Interface', ['sub-1'], ['eni-'], false],
      services: [
        ['com.amazonaws.us-east-1.ec2', ['Interface'], 'amazon', ['ec2.us-east-1.vpce.amazonaws.com'], 'ec2.us-east-1.amazonaws.com', true, false],
        ['com.amazonaws.us-east-1.ssm', ['Interface'], 'amazon', ['ssm.us-east-1.vpce.amazonaws.com'], 'ssm.us-east-1.amazonaws.com', true, false],
        ['com.amazonaws.us-east-1.sts', ['Interface'], 'amazon', ['sts.us-east-1.vpce.amazonaws.com'], 'sts.us-east-1.amazonaws.com', true, false],
      ],
      s3Types: ['Gateway', 'Interface'],
      gatewayNames: ['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3'],
      unknownService: { code: 'InvalidServiceName', message: "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist" },
      unknownEndpoint: 'InvalidVpcEndpointId.NotFound',
      deleted: [],
      routeAfter: 0,
    });
    // Known moto gaps, where the sandbox follows AWS (AWS PrivateLink guide, "Gateway endpoints"
    // and "Interface endpoints"; EC2 API reference of CreateVpcEndpoint, ModifyVpcEndpoint,
    // DeleteVpcEndpoints and DeleteVpc):
    // - private DNS is for interface endpoints; moto answers a gateway endpoint PrivateDnsEnabled true;
    expect([s.gatewayDns, m.gatewayDns]).toEqual([false, true]);
    // - an interface endpoint without SecurityGroupIds gets the VPC's default group; moto's has none;
    expect([s.ifaceGroups, m.ifaceGroups]).toEqual([['default'], []]);
    // - one subnet per Availability Zone (DuplicateSubnetsInSameZone); moto takes two in one zone;
    expect([s.dupZone, m.dupZone]).toEqual(['DuplicateSubnetsInSameZone', 'no error']);
    // - a gateway endpoint to an interface-only service, and an endpoint to a service that does not
    //   exist, are refused (InvalidParameter, InvalidServiceName); moto makes both;
    expect([s.gatewayForEc2, s.unknownCreate]).toEqual(['InvalidParameter', 'InvalidServiceName']);
    expect([m.gatewayForEc2, m.unknownCreate]).toEqual(['no error', 'no error']);
    // - ModifyVpcEndpoint's AddRouteTableIds adds the endpoint's route to the table; moto lists the
    //   table but adds no route;
    expect([s.addedRoute, m.addedRoute]).toEqual([1, 0]);
    // - a table holds one route per prefix list, so a second endpoint of a service cannot take a
    //   table the first has ("route table … already has a route with destination-prefix-list-id");
    //   moto makes it;
    expect([s.secondOnTable, m.secondOnTable]).toEqual(['InvalidParameter', 'no error']);
    // - DeleteVpcEndpoints answers an unknown id as an unsuccessful item (InvalidVpcEndpoint.NotFound,
    //   "Error codes for the Amazon EC2 API"); moto answers none;
    expect([s.unknownDelete, m.unknownDelete]).toEqual([['InvalidVpcEndpoint.NotFound'], []]);
    // - a VPC with an endpoint cannot be deleted (DependencyViolation); moto deletes it.
    expect([s.deleteVpc, m.deleteVpc]).toEqual(['DependencyViolation', 'no error']);
  });

  it('creates, filters, modifies and deletes network interfaces alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'eni-vpc');
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.70.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
      t.names.set(subnet, 'eni-subnet');
      const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'eni-web', Description: 'web', VpcId: vpc }))).GroupId as string;
      t.names.set(web, 'sg-eni-web');
      const created = (
        await c.send(
          new CreateNetworkInterfaceCommand({
            SubnetId: subnet,
            Groups: [web],
            Description: 'app',
            SecondaryPrivateIpAddressCount: 2,
            TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Role', Value: 'app' }] }],
          }),
        )
      ).NetworkInterface;
      const id = created?.NetworkInterfaceId as string;
      t.names.set(id, 'eni-app');
      const plain = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet }))).NetworkInterface;
      t.names.set(plain?.NetworkInterfaceId as string, 'eni-plain');
      const free = async () => (await c.send(new DescribeSubnetsCommand({ SubnetIds: [subnet] }))).Subnets?.[0]?.AvailableIpAddressCount;
      const ids = async (filters: Filter[]) =>
        ((await c.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, ...filters] }))).NetworkInterfaces ?? []).map((n) => named(t, n.NetworkInterfaceId)).sort();
      const agreed = {
        created: normaliseInterface(t, created),
        addresses: created?.PrivateIpAddresses?.map((a) => a.Primary),
        defaultGroup: plain?.Groups?.map((g) => g.GroupName),
        free: await free(),
        bySubnet: await ids([{ Name: 'subnet-id', Values: [subnet] }]),
        byGroup: await ids([{ Name: 'group-id', Values: [web] }]),
        byTag: await ids([{ Name: 'tag:Role', Values: ['app'] }]),
        byAddress: await ids([{ Name: 'private-ip-address', Values: [created?.PrivateIpAddress as string] }]),
        byStatus: await ids([{ Name: 'status', Values: ['available'] }]),
        unknown: await failure(t, c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0123456789abcdef0'] }))),
      };
      await c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, SourceDestCheck: { Value: false } }));
      await c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: plain?.NetworkInterfaceId, Groups: [web] }));
      const modified = normaliseInterface(t, (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces?.[0]);
      const regrouped = await ids([{ Name: 'group-id', Values: [web] }]);
      await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: plain?.NetworkInterfaceId }));
      const afterDelete = { free: await free(), gone: (await failure(t, c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [plain?.NetworkInterfaceId as string] })))).code };
      const refused = async (input: { PrivateIpAddress?: string; Ipv6AddressCount?: number }) => (await failure(t, c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, ...input })))).code;
      return {
        agreed: { ...agreed, modified, regrouped, afterDelete },
        primary: created?.PrivateIpAddress,
        reserved: await refused({ PrivateIpAddress: '10.70.1.1' }),
        inUse: await refused({ PrivateIpAddress: created?.PrivateIpAddress as string }),
        outside: await refused({ PrivateIpAddress: '10.99.0.9' }),
        noIpv6Block: await refused({ Ipv6AddressCount: 1 }),
        twoAttributes: (await failure(t, c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, Groups: [web], SourceDestCheck: { Value: true } })))).code,
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toMatchObject({
      created: { status: 'available', subnet: 'eni-subnet', vpc: 'eni-vpc', groups: ['eni-web'], type: 'interface', description: 'app', sourceDestCheck: true, tags: [{ Key: 'Role', Value: 'app' }] },
      addresses: [true, false, false],
      defaultGroup: ['default'],
      free: 247,
      bySubnet: ['eni-app', 'eni-plain'],
      byGroup: ['eni-app'],
      byTag: ['eni-app'],
      byAddress: ['eni-app'],
      unknown: { code: 'InvalidNetworkInterfaceID.NotFound', message: "The networkInterface ID 'eni-0123456789abcdef0' does not exist" },
      modified: { sourceDestCheck: false },
      regrouped: ['eni-app', 'eni-plain'],
      afterDelete: { free: 248, gone: 'InvalidNetworkInterfaceID.NotFound' },
    });
    // The sandbox takes the lowest free address after the four AWS reserves ("Subnet CIDR
    // blocks", Amazon VPC user guide: the first four and the last address of a subnet are
    // reserved); AWS does not say which free address it picks.
    expect(s.primary).toBe('10.70.1.4');
    // Known moto gaps, where the sandbox follows AWS:
    // - moto takes a named address that AWS reserves, one already in use, and one outside the
    //   subnet (AWS answers InvalidParameterValue and InvalidIPAddress.InUse);
    expect([s.reserved, s.inUse, s.outside]).toEqual(['InvalidParameterValue', 'InvalidIPAddress.InUse', 'InvalidParameterValue']);
    expect([m.reserved, m.inUse, m.outside]).toEqual(['no error', 'no error', 'no error']);
    // - moto answers an IPv6 address count in a subnet without an IPv6 block with no IPv6 address
    //   (AWS: IPv6 addresses come from the subnet's IPv6 block, "IP addressing for your VPCs and
    //   subnets", Amazon VPC user guide);
    expect(s.noIpv6Block).toBe('InvalidParameterValue');
    expect(m.noIpv6Block).toBe('no error');
    // - moto changes two attributes in one ModifyNetworkInterfaceAttribute (EC2 API reference:
    //   "You can specify only one attribute at a time").
    expect(s.twoAttributes).toBe('InvalidParameterCombination');
    expect(m.twoAttributes).toBe('no error');
  });

  it('runs, describes, stops and terminates instances alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'eni-vpc');
      const subnet = idOf(t, 'eni-subnet');
      const web = idOf(t, 'sg-eni-web');
      const run = await c.send(
        new RunInstancesCommand({
          ImageId: 'ami-12345678',
          InstanceType: 't3.micro',
          MinCount: 2,
          MaxCount: 2,
          SubnetId: subnet,
          SecurityGroupIds: [web],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Tier', Value: 'app' }] }],
        }),
      );
      const [i0, i1] = (run.Instances ?? []).map((i) => i.InstanceId as string) as [string, string];
      t.names.set(i0, 'i0');
      t.names.set(i1, 'i1');
      const nic0 = run.Instances?.[0]?.NetworkInterfaces?.[0]?.NetworkInterfaceId as string;
      t.names.set(nic0, 'eni-i0');
      const ids = async (filters: Filter[]) =>
        ((await c.send(new DescribeInstancesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, ...filters] }))).Reservations ?? [])
          .flatMap((r) => (r.Instances ?? []).map((i) => named(t, i.InstanceId)))
          .sort();
      const one = async (id: string) => (await c.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
      const launched = {
        states: run.Instances?.map((i) => i.State?.Name),
        perReservation: run.Instances?.length,
        groups: run.Instances?.[0]?.SecurityGroups?.map((g) => named(t, g.GroupId)),
        subnet: named(t, run.Instances?.[0]?.SubnetId),
        type: run.Instances?.[0]?.InstanceType,
        tags: run.Instances?.[0]?.Tags,
        nics: run.Instances?.[0]?.NetworkInterfaces?.map((n) => [n.Attachment?.DeviceIndex, n.Status, named(t, n.SubnetId)]),
      };
      const described = {
        state: (await one(i0))?.State,
        bySubnet: await ids([{ Name: 'subnet-id', Values: [subnet] }]),
        byState: await ids([{ Name: 'instance-state-name', Values: ['running'] }]),
        byAddress: await ids([{ Name: 'private-ip-address', Values: [run.Instances?.[1]?.PrivateIpAddress as string] }]),
        byTag: await ids([{ Name: 'tag:Tier', Values: ['app'] }]),
        idsAndMax: await failure(t, c.send(new DescribeInstancesCommand({ InstanceIds: [i0], MaxResults: 5 }))),
        unknown: await failure(t, c.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))),
      };
      const stop = (await c.send(new StopInstancesCommand({ InstanceIds: [i1] }))).StoppingInstances?.[0];
      const stopped = { answer: [stop?.PreviousState?.Name, stop?.CurrentState?.Name], now: (await one(i1))?.State?.Name, byState: await ids([{ Name: 'instance-state-name', Values: ['stopped'] }]) };
      const status = ((await c.send(new DescribeInstanceStatusCommand({ InstanceIds: [i0, i1] }))).InstanceStatuses ?? []).map((x) => [named(t, x.InstanceId), x.InstanceStatus?.Status]);
      const start = (await c.send(new StartInstancesCommand({ InstanceIds: [i1] }))).StartingInstances?.[0];
      const started = { answer: [start?.PreviousState?.Name, start?.CurrentState?.Name], now: (await one(i1))?.State?.Name };
      const byInterface = await ids([{ Name: 'network-interface.network-interface-id', Values: [nic0] }]).catch((e: Error) => e.name);
      const term = (await c.send(new TerminateInstancesCommand({ InstanceIds: [i0] }))).TerminatingInstances?.[0];
      const terminated = { answer: [term?.PreviousState?.Name, term?.CurrentState?.Name], now: (await one(i0))?.State?.Name };
      const primaryAfter = (await failure(t, c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [nic0] })))).code;
      return {
        agreed: { launched, described, stopped, status, started, terminated },
        byInterface,
        deleteOnTermination: run.Instances?.[0]?.NetworkInterfaces?.[0]?.Attachment?.DeleteOnTermination,
        primaryAfter,
        stopTerminated: (await failure(t, c.send(new StopInstancesCommand({ InstanceIds: [i0] })))).code,
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toMatchObject({
      launched: { states: ['pending', 'pending'], perReservation: 2, groups: ['sg-eni-web'], subnet: 'eni-subnet', type: 't3.micro', tags: [{ Key: 'Tier', Value: 'app' }], nics: [[0, 'in-use', 'eni-subnet']] },
      described: {
        state: { Code: 16, Name: 'running' },
        bySubnet: ['i0', 'i1'],
        byState: ['i0', 'i1'],
        byAddress: ['i1'],
        byTag: ['i0', 'i1'],
        idsAndMax: { code: 'InvalidParameterCombination', message: 'The parameter instancesSet cannot be used with the parameter maxResults' },
        unknown: { code: 'InvalidInstanceID.NotFound', message: "The instance ID 'i-0123456789abcdef0' does not exist" },
      },
      stopped: { answer: ['running', 'stopping'], now: 'stopped', byState: ['i1'] },
      status: [['i0', 'ok']],
      started: { answer: ['stopped', 'pending'], now: 'running' },
      terminated: { answer: ['running', 'shutting-down'], now: 'terminated' },
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto has no `network-interface.network-interface-id` filter for DescribeInstances (HTTP
    //   500); the EC2 API reference of DescribeInstances lists it;
    expect(s.byInterface).toEqual(['i0']);
    expect(m.byInterface).not.toEqual(['i0']);
    // - moto's primary interface of a launched instance is not deleted on termination; AWS deletes
    //   the interfaces RunInstances makes when the instance terminates ("Delete on termination",
    //   EC2 user guide: by default, network interfaces created and attached by RunInstances are
    //   deleted when the instance terminates);
    expect([s.deleteOnTermination, s.primaryAfter]).toEqual([true, 'InvalidNetworkInterfaceID.NotFound']);
    expect([m.deleteOnTermination, m.primaryAfter]).toEqual([false, 'no error']);
    // - moto stops a terminated instance (EC2 user guide, "Instance state changes": a terminated
    //   instance cannot be stopped or started; AWS answers IncorrectInstanceState).
    expect(s.stopTerminated).toBe('IncorrectInstanceState');
    expect(m.stopTerminated).toBe('no error');
  });

  it('attaches and detaches interfaces alike, and differs on what an interface holds up where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const instance = idOf(t, 'i1');
      const id = idOf(t, 'eni-app');
      const attached = await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: id, InstanceId: instance, DeviceIndex: 1 }));
      const seen = async () => (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces?.[0];
      const instanceNics = async () =>
        ((await c.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))).Reservations?.[0]?.Instances?.[0]?.NetworkInterfaces ?? [])
          .map((n) => n.Attachment?.DeviceIndex)
          .sort();
      const whileAttached = {
        id: attached.AttachmentId?.replace(/[0-9a-f]{17}$/, '…'),
        status: (await seen())?.Status,
        attachment: [named(t, (await seen())?.Attachment?.InstanceId), (await seen())?.Attachment?.DeviceIndex],
        byInstance: ((await c.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instance] }] }))).NetworkInterfaces ?? [])
          .map((n) => n.Attachment?.DeviceIndex)
          .sort(),
        instanceNics: await instanceNics(),
      };
      await c.send(new DetachNetworkInterfaceCommand({ AttachmentId: attached.AttachmentId }));
      const detached = { status: (await seen())?.Status, instanceNics: await instanceNics() };
      // A subnet and a group of their own that one interface uses, for the deletions it holds up.
      const held = (await c.send(new CreateSubnetCommand({ VpcId: idOf(t, 'eni-vpc'), CidrBlock: '10.70.9.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
      const group = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'eni-held', Description: 'held', VpcId: idOf(t, 'eni-vpc') }))).GroupId as string;
      await c.send(new CreateNetworkInterfaceCommand({ SubnetId: held, Groups: [group] }));
      const deleteGroup = (await failure(t, c.send(new DeleteSecurityGroupCommand({ GroupId: group })))).code;
      const deleteSubnet = (await failure(t, c.send(new DeleteSubnetCommand({ SubnetId: held })))).code;
      // Last, as moto goes along with them: attaching an attached interface again, and deleting it.
      await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: id, InstanceId: instance, DeviceIndex: 1 }));
      const attachAgain = (await failure(t, c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: id, InstanceId: instance, DeviceIndex: 2 })))).code;
      const deleteAttached = (await failure(t, c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })))).code;
      return { agreed: { whileAttached, detached }, departures: { attachAgain, deleteAttached }, deleteGroup, deleteSubnet };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      whileAttached: { id: 'eni-attach-…', status: 'in-use', attachment: ['i1', 1], byInstance: [0, 1], instanceNics: [0, 1] },
      detached: { status: 'available', instanceNics: [0] },
    });
    // Known moto gaps, where the sandbox follows AWS: moto attaches an interface that is already
    // attached (AWS: InvalidNetworkInterface.InUse), deletes an attached one (AWS: InvalidParameterValue, "…
    // is currently in use"), and deletes a security group and a subnet an interface uses (AWS:
    // DependencyViolation; "Delete a security group", Amazon VPC user guide: a group associated
    // with a network interface cannot be deleted).
    expect(s.departures).toEqual({ attachAgain: 'InvalidNetworkInterface.InUse', deleteAttached: 'InvalidParameterValue' });
    expect(m.departures).toEqual({ attachAgain: 'no error', deleteAttached: 'no error' });
    expect([s.deleteGroup, s.deleteSubnet]).toEqual(['DependencyViolation', 'DependencyViolation']);
    expect([m.deleteGroup, m.deleteSubnet]).toEqual(['no error', 'no error']);
  });

  it('routes to interfaces and instances and gives interface endpoints interfaces alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const place = async (cidr: string, key: string) => {
        const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
        const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr.replace('.0.0/16', '.1.0/24'), AvailabilityZone: 'us-east-1a' }))).Subnet
          ?.SubnetId as string;
        const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
        t.names.set(vpc, `${key}-vpc`);
        t.names.set(subnet, `${key}-subnet`);
        return { vpc, subnet, rtb };
      };
      const here = await place('10.86.0.0/16', 'rt');
      const there = await place('10.87.0.0/16', 'far');
      const launch = async (subnet: string) => (await c.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: subnet }))).Instances?.[0];
      const route = (target: Record<string, string>, destination = '0.0.0.0/0') =>
        c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: destination, ...target }));
      const routes = async () =>
        ((await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [here.rtb] }))).RouteTables?.[0]?.Routes ?? [])
          .filter((r) => r.Origin === 'CreateRoute')
          .map((r) => [r.DestinationCidrBlock, named(t, r.InstanceId ?? r.NetworkInterfaceId), r.State]);
      const unknown = {
        eni: await failure(t, route({ NetworkInterfaceId: 'eni-0123456789abcdef0' })),
        instance: await failure(t, route({ InstanceId: 'i-0123456789abcdef0' })),
      };
      const eni = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: here.subnet }))).NetworkInterface?.NetworkInterfaceId as string;
      t.names.set(eni, 'eni-route');
      const instance = await launch(here.subnet);
      t.names.set(instance?.InstanceId as string, 'i-route');
      t.names.set(instance?.NetworkInterfaces?.[0]?.NetworkInterfaceId as string, 'eni-of-i-route');
      await route({ NetworkInterfaceId: eni }, '10.200.0.0/16');
      await route({ InstanceId: instance?.InstanceId as string }, '10.201.0.0/16');
      const created = await routes();
      const instanceRoute = ((await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [here.rtb] }))).RouteTables?.[0]?.Routes ?? []).find(
        (r) => r.DestinationCidrBlock === '10.201.0.0/16',
      );
      await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni }));
      await c.send(new TerminateInstancesCommand({ InstanceIds: [instance?.InstanceId as string] }));
      const afterGone = await routes();
      const farEni = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: there.subnet }))).NetworkInterface?.NetworkInterfaceId as string;
      const farInstance = (await launch(there.subnet))?.InstanceId as string;
      const foreign = { eni: await code(route({ NetworkInterfaceId: farEni }, '10.202.0.0/16')), instance: await code(route({ InstanceId: farInstance }, '10.203.0.0/16')) };
      const twoNics = (await launch(here.subnet))?.InstanceId as string;
      const second = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: here.subnet }))).NetworkInterface?.NetworkInterfaceId as string;
      await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: second, InstanceId: twoNics, DeviceIndex: 1 }));
      const multiple = await code(route({ InstanceId: twoNics }, '10.204.0.0/16'));

      const endpoint = (
        await c.send(new CreateVpcEndpointCommand({ VpcId: here.vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sts', SubnetIds: [here.subnet], PrivateDnsEnabled: false }))
      ).VpcEndpoint;
      const [endpointEni] = endpoint?.NetworkInterfaceIds as [string];
      t.names.set(endpointEni, 'eni-vpce');
      const seen = (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [endpointEni] }))).NetworkInterfaces?.[0];
      const endpointInterface = { subnet: named(t, seen?.SubnetId), vpc: named(t, seen?.VpcId), groups: seen?.Groups?.map((g) => g.GroupName) };
      const shape = [seen?.InterfaceType, seen?.RequesterManaged, seen?.Description?.replace(endpoint?.VpcEndpointId as string, '<vpce>'), seen?.Status];
      const inSubnet = seen?.PrivateIpAddress?.startsWith('10.86.1.');
      const deleteEni = await code(c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: endpointEni })));
      const deleteSubnet = await code(c.send(new DeleteSubnetCommand({ SubnetId: here.subnet })));
      await c.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint?.VpcEndpointId as string] }));
      const afterEndpoint = await code(c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [endpointEni] })));
      const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: there.subnet, ConnectivityType: 'private' }))).NatGateway;
      const natEni = nat?.NatGatewayAddresses?.[0]?.NetworkInterfaceId as string;
      const natSeen = (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [natEni] }))).NetworkInterfaces?.[0];
      const natInterface = { subnet: named(t, natSeen?.SubnetId), address: natSeen?.PrivateIpAddress === nat?.NatGatewayAddresses?.[0]?.PrivateIp };
      return {
        natShape: [natSeen?.InterfaceType, natSeen?.RequesterManaged, natSeen?.Description?.replace(nat?.NatGatewayId as string, '<nat>')],
        agreed: { unknown, created, endpointInterface, afterEndpoint, natInterface },
        instanceRouteEni: named(t, instanceRoute?.NetworkInterfaceId),
        afterGone,
        foreign,
        multiple,
        shape,
        inSubnet,
        deleteEni,
        deleteSubnet,
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      unknown: {
        eni: { code: 'InvalidNetworkInterfaceID.NotFound', message: "The networkInterface ID 'eni-0123456789abcdef0' does not exist" },
        instance: { code: 'InvalidInstanceID.NotFound', message: "The instance ID 'i-0123456789abcdef0' does not exist" },
      },
      created: [
        ['10.200.0.0/16', 'eni-route', 'active'],
        ['10.201.0.0/16', 'i-route', 'active'],
      ],
      endpointInterface: { subnet: 'rt-subnet', vpc: 'rt-vpc', groups: ['default'] },
      afterEndpoint: 'InvalidNetworkInterfaceID.NotFound',
      natInterface: { subnet: 'far-subnet', address: true },
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - a route to an instance names its interface too (EC2 API reference, `Route`: InstanceId,
    //   InstanceOwnerId and NetworkInterfaceId); moto answers the instance only;
    expect(s.instanceRouteEni).toBe('eni-of-i-route');
    expect(m.instanceRouteEni).toBe('?');
    // - a route whose interface is deleted, or whose instance is terminated, is `blackhole` (EC2
    //   API reference, `Route`: "the specified NAT instance has been terminated"); moto keeps it active;
    expect(s.afterGone).toEqual([
      ['10.200.0.0/16', 'eni-route', 'blackhole'],
      ['10.201.0.0/16', 'i-route', 'blackhole'],
    ]);
    expect(m.afterGone).toEqual([
      ['10.200.0.0/16', 'eni-route', 'active'],
      ['10.201.0.0/16', 'i-route', 'active'],
    ]);
    // - moto routes to an interface or instance of another VPC, and to an instance with two
    //   interfaces (API reference, CreateRoute `InstanceId`: "fails … unless exactly one network
    //   interface is attached");
    expect([s.foreign, s.multiple]).toEqual([{ eni: 'InvalidParameterValue', instance: 'InvalidParameterValue' }, 'InvalidInstanceID']);
    expect([m.foreign, m.multiple]).toEqual([{ eni: 'no error', instance: 'no error' }, 'no error']);
    // - moto's endpoint interface is an ordinary one ("Requester-managed network interfaces",
    //   Amazon VPC user guide: `vpc_endpoint`, requester-managed, "VPC Endpoint Interface vpce-…",
    //   in use), with an address outside its subnet, and the caller may delete it and its subnet.
    expect([s.shape, s.inSubnet, s.deleteEni, s.deleteSubnet]).toEqual([['vpc_endpoint', true, 'VPC Endpoint Interface <vpce>', 'in-use'], true, 'InvalidParameterValue', 'DependencyViolation']);
    expect([m.shape, m.inSubnet, m.deleteEni]).toEqual([['interface', false, '', 'available'], false, 'no error']);
    // - moto's NAT gateway interface is an ordinary one too (AWS: `nat_gateway`, requester-managed,
    //   "Interface for NAT Gateway nat-…").
    expect(s.natShape).toEqual(['nat_gateway', true, 'Interface for NAT Gateway <nat>']);
    expect(m.natShape).not.toEqual(s.natShape);
  });

  it('gives every account a default VPC alike (172.31.0.0/16, a default /20 subnet per zone), and differs on its internet route where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const out: Record<string, unknown> = {};
      for (const [who, region] of [['a', 'us-east-1'], ['b', 'us-west-2'], ['a', 'eu-west-1']] as const) {
        const c = who === 'a' ? t.a(region) : t.b(region);
        const vpcs = (await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs ?? [];
        const id = vpcs[0]?.VpcId as string;
        const subnets = (await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }] }))).Subnets ?? [];
        const zones = (await c.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [];
        const tables = (await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }] }))).RouteTables ?? [];
        const internet = tables[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId;
        out[`${who} ${region}`] = {
          vpcs: vpcs.map((v) => [v.CidrBlock, v.IsDefault, v.OwnerId]),
          subnets: subnets.map((x) => [x.CidrBlock, x.DefaultForAz, x.MapPublicIpOnLaunch]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
          zoneNames: subnets.map((x) => x.AvailabilityZone).sort(),
          zones: zones.map((z) => z.ZoneName),
          tables: tables.length,
          internet: internet?.startsWith('igw-'),
        };
      }
      return out;
    });
    const withoutRoute = (x: Record<string, unknown>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, { ...(v as object), internet: 'compared below' }]));
    expect(withoutRoute(s)).toEqual(withoutRoute(m));
    expect((s['a us-east-1'] as { subnets: unknown[] }).subnets).toHaveLength(6);
    // "Default VPCs" (Amazon VPC user guide): AWS attaches an internet gateway to the default VPC
    // and routes 0.0.0.0/0 to it from the main route table. moto's default VPC has no such route.
    expect(Object.values(s).map((x) => (x as { internet: unknown }).internet)).toEqual([true, true, true]);
    expect(Object.values(m).map((x) => (x as { internet: unknown }).internet)).toEqual([undefined, undefined, undefined]);
  });

  it('answers DescribeAccountAttributes alike in names and quotas, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-2');
      const all = (await c.send(new DescribeAccountAttributesCommand({}))).AccountAttributes ?? [];
      const values = (name: string) => all.find((a) => a.AttributeName === name)?.AttributeValues?.map((v) => v.AttributeValue);
      const defaultVpc = (await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
      const filtered = (await c.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }))).AccountAttributes ?? [];
      return {
        names: all.map((a) => a.AttributeName),
        quotas: ['vpc-max-security-groups-per-interface', 'max-instances', 'max-elastic-ips', 'vpc-max-elastic-ips'].map(values),
        platforms: values('supported-platforms'),
        defaultVpcNamed: values('default-vpc')?.[0] === (defaultVpc ?? 'none'),
        hasDefaultVpc: defaultVpc !== undefined,
        filtered: filtered.map((a) => a.AttributeName),
      };
    });
    const { platforms: sPlatforms, defaultVpcNamed: sNamed, filtered: sFiltered, ...sRest } = s;
    const { platforms: mPlatforms, defaultVpcNamed: mNamed, filtered: mFiltered, ...mRest } = m;
    expect(sRest).toEqual(mRest);
    expect(sRest.hasDefaultVpc).toBe(true);
    // EC2 API reference, DescribeAccountAttributes: `supported-platforms` is VPC for accounts made
    // after EC2-Classic's retirement; `default-vpc` is the region's default VPC; AttributeNames
    // narrows the answer. moto answers EC2 and VPC, `none` beside its default VPC, and every attribute.
    expect([sPlatforms, sNamed, sFiltered]).toEqual([['VPC'], true, ['default-vpc']]);
    expect([mPlatforms, mNamed]).toEqual([['EC2', 'VPC'], false]);
    expect(mFiltered.length).toBeGreaterThan(1);
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
