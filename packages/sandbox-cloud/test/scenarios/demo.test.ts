/** The demo organisation, as the real SDK sees it: every situation the app has to explain is there. */
import {
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  SearchTransitGatewayRoutesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DescribeVpnGatewaysCommand,
  type NetworkAcl,
  type RouteTable,
  type SecurityGroup,
  type Vpc,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import { GetResourceShareAssociationsCommand, GetResourceSharesCommand } from '@aws-sdk/client-ram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { ec2, ram } from '../clients';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
let sb: SandboxHandle;
const vpcs: Vpc[] = [];
const peerings = new Map<string, VpcPeeringConnection>();
const tables: RouteTable[] = [];
const groups: SecurityGroup[] = [];
const acls: NetworkAcl[] = [];
let subnetCount = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo' });
  for (const a of sb.accounts) {
    for (const region of REGIONS) {
      const c = ec2(sb, a.profile, region);
      vpcs.push(...((await c.send(new DescribeVpcsCommand({}))).Vpcs ?? []));
      for (const p of (await c.send(new DescribeVpcPeeringConnectionsCommand({}))).VpcPeeringConnections ?? []) peerings.set(p.VpcPeeringConnectionId as string, p);
      tables.push(...((await c.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []));
      groups.push(...((await c.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []));
      subnetCount += (await c.send(new DescribeSubnetsCommand({}))).Subnets?.length ?? 0;
      acls.push(...((await c.send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? []));
    }
  }
});
afterAll(async () => sb.stop());

const ref = (key: string): string => sb.server.refs[key] as string;
const cidrsOf = (id: string): string[] => vpcs.find((v) => v.VpcId === id)?.CidrBlockAssociationSet?.map((a) => a.CidrBlock as string) ?? [];

describe('the demo organisation', () => {
  it('has 4 accounts with profiles, 3 regions and 15+ VPCs with secondary and IPv6 blocks', () => {
    expect(sb.accounts.map((a) => a.profile)).toEqual(['sandbox-network', 'sandbox-prod', 'sandbox-dev', 'sandbox-data']);
    expect(new Set(vpcs.map((v) => v.OwnerId)).size).toBe(4);
    expect(vpcs.length).toBeGreaterThanOrEqual(15);
    expect(vpcs.filter((v) => (v.CidrBlockAssociationSet?.length ?? 0) > 1).length).toBeGreaterThanOrEqual(3);
    expect(vpcs.filter((v) => (v.Ipv6CidrBlockAssociationSet?.length ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
    expect(vpcs.some((v) => v.IsDefault)).toBe(true);
    expect(subnetCount).toBeGreaterThan(20);
  });

  it('gives every VPC its default network ACL (IPv6 rules where the VPC has IPv6), each subnet associated with it', () => {
    expect(acls.map((a) => a.VpcId).sort()).toEqual(vpcs.map((v) => v.VpcId).sort());
    expect(acls.every((a) => a.IsDefault)).toBe(true);
    expect(acls.flatMap((a) => a.Associations ?? [])).toHaveLength(subnetCount);
    for (const v of vpcs) {
      const numbers = acls.find((a) => a.VpcId === v.VpcId)?.Entries?.filter((e) => e.Egress).map((e) => e.RuleNumber);
      expect(numbers, v.VpcId).toEqual((v.Ipv6CidrBlockAssociationSet?.length ?? 0) > 0 ? [100, 101, 32767, 32768] : [100, 32767]);
    }
  });

  it('has gateways as resources: the egress VPC routes to its internet and NAT gateways, the hub holds a VPN and an egress-only gateway', async () => {
    const net = ec2(sb, 'sandbox-network');
    const routes = tables.filter((t) => t.VpcId === ref('vpc:egress-use1')).flatMap((t) => t.Routes ?? []);
    expect(routes.find((r) => r.GatewayId === ref('igw:egress-igw'))).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0', State: 'active' });
    expect(routes.find((r) => r.NatGatewayId === ref('nat:egress-nat-gw'))).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0', State: 'active' });
    const nat = (await net.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [ref('nat:egress-nat-gw')] }))).NatGateways?.[0];
    expect(nat).toMatchObject({ State: 'available', SubnetId: ref('subnet:egress-public'), ConnectivityType: 'public', NatGatewayAddresses: [{ PublicIp: expect.any(String) }] });
    const vgw = (await net.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [ref('vgw:shared-vgw')] }))).VpnGateways?.[0];
    expect(vgw?.VpcAttachments).toEqual([{ State: 'attached', VpcId: ref('vpc:shared-use1') }]);
    const eigw = (await net.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [ref('eigw:shared-eigw')] }))).EgressOnlyInternetGateways?.[0];
    expect(eigw?.Attachments).toEqual([{ State: 'attached', VpcId: ref('vpc:shared-use1') }]);
    const defaultVpc = vpcs.find((v) => v.IsDefault)?.VpcId as string;
    const igws = (await net.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpc] }] }))).InternetGateways ?? [];
    expect(igws).toHaveLength(1);
  });

  it('shows peerings in every status', () => {
    const statuses = new Set([...peerings.values()].map((p) => p.Status?.Code));
    expect([...statuses].sort()).toEqual(
      ['active', 'deleted', 'deleting', 'expired', 'failed', 'initiating-request', 'pending-acceptance', 'provisioning', 'rejected'].sort(),
    );
    expect(peerings.get(ref('pcx:dev-db-lake'))?.Status?.Code).toBe('expired');
    expect(peerings.get(ref('pcx:prod-db-etl'))?.Status).toEqual({ Code: 'deleted', Message: 'Deleted by 246813579024' });
  });

  it('has an overlapping pair whose request failed, on the primary and on a secondary block', () => {
    expect(cidrsOf(ref('vpc:dev-legacy-use1'))).toContain('10.0.0.0/16');
    expect(cidrsOf(ref('vpc:shared-use1'))).toContain('10.0.0.0/16');
    expect(peerings.get(ref('pcx:legacy-hub'))?.Status?.Code).toBe('failed');
    expect(cidrsOf(ref('vpc:data-staging-use1'))).toContain('10.193.128.0/17');
    expect(peerings.get(ref('pcx:staging-lake'))?.Status?.Code).toBe('failed');
  });

  it('has an A-B-C chain without A-C', () => {
    const [a, b, c] = [ref('vpc:shared-use1'), ref('vpc:prod-app-use1'), ref('vpc:prod-db-use1')];
    const active = [...peerings.values()].filter((p) => p.Status?.Code === 'active');
    const joins = (x: string, y: string): boolean =>
      active.some((p) => [p.RequesterVpcInfo?.VpcId, p.AccepterVpcInfo?.VpcId].sort().join() === [x, y].sort().join());
    expect([joins(a, b), joins(b, c), joins(a, c)]).toEqual([true, true, false]);
  });

  it('has a peering with routes on one side only', () => {
    const pcx = ref('pcx:hub-dev-app');
    const owners = new Set(tables.filter((t) => t.Routes?.some((r) => r.VpcPeeringConnectionId === pcx)).map((t) => t.VpcId));
    expect([...owners]).toEqual([ref('vpc:shared-use1')]);
  });

  it('has route tables with conflicting routes and blackhole routes', () => {
    const privateTable = tables.find((t) => t.RouteTableId === ref('rtb:prod-app-private'));
    // prod-db's CIDR sent into the hub peering, which does not lead to prod-db.
    expect(privateTable?.Routes?.find((r) => r.DestinationCidrBlock === '10.65.0.0/16')?.VpcPeeringConnectionId).toBe(ref('pcx:hub-prod-app'));
    const shared = tables.find((t) => t.RouteTableId === ref('rtb:shared-private'));
    const targets = shared?.Routes?.filter((r) => ['10.128.0.0/16', '10.128.0.0/9'].includes(r.DestinationCidrBlock as string)).map((r) => r.VpcPeeringConnectionId);
    expect(new Set(targets).size).toBe(2);
    const blackholes = tables.flatMap((t) => t.Routes ?? []).filter((r) => r.State === 'blackhole');
    expect(blackholes.map((r) => r.VpcPeeringConnectionId).sort()).toEqual([ref('pcx:lake-prod-db'), ref('pcx:prod-db-etl')].sort());
  });

  it('has subnets with explicit associations and subnets on the main table', () => {
    const shared = tables.filter((t) => t.VpcId === ref('vpc:shared-use1'));
    const explicit = shared.flatMap((t) => t.Associations ?? []).filter((a) => a.SubnetId).map((a) => a.SubnetId);
    expect(explicit.sort()).toEqual([ref('subnet:shared-b'), ref('subnet:shared-c')].sort());
    expect(shared.find((t) => t.Associations?.some((a) => a.Main))?.RouteTableId).toBe(ref('rtb:shared-main'));
  });

  it('has security-group rules naming peer CIDRs and peer security groups across accounts', () => {
    const dns = groups.find((g) => g.GroupId === ref('sg:shared-dns'));
    expect(dns?.IpPermissions?.flatMap((p) => p.IpRanges ?? []).map((r) => r.CidrIp)).toContain('10.64.0.0/16');
    const pair = dns?.IpPermissions?.flatMap((p) => p.UserIdGroupPairs ?? [])[0];
    expect(pair).toMatchObject({ GroupId: ref('sg:prod-app-web'), UserId: '444455556666', VpcPeeringConnectionId: ref('pcx:hub-prod-app'), PeeringStatus: 'active' });
    const db = groups.find((g) => g.GroupId === ref('sg:prod-db'));
    expect(db?.IpPermissions?.flatMap((p) => p.UserIdGroupPairs ?? [])[0]?.GroupId).toBe(ref('sg:prod-app-web'));
  });

  it('has DNS resolution enabled on the hub peering, and tags on both sides of cross-account peerings', () => {
    const hub = peerings.get(ref('pcx:hub-prod-app'));
    expect(hub?.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
    expect(hub?.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
    expect(hub?.Tags?.find((t) => t.Key === 'Name')?.Value).toBe('hub-prod-app');
  });

  it('has a transit gateway shared through RAM with two accounts, attachments from both (one pending), a pair reachable by peering and gateway, and a gateway peering to eu-west-1', async () => {
    const [NET, PROD, DATA] = ['111122223333', '444455556666', '246813579024'];
    const hub = ref('tgw:hub-tgw');
    const shares = (await ram(sb, 'sandbox-network').send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares ?? [];
    expect(shares.map((s) => [s.name, s.status])).toEqual([['hub-tgw-share', 'ACTIVE']]);
    const principals = (await ram(sb, 'sandbox-network').send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL' }))).resourceShareAssociations ?? [];
    expect(principals.map((p) => [p.associatedEntity, p.status]).sort()).toEqual([[DATA, 'ASSOCIATED'], [PROD, 'ASSOCIATED']]);
    for (const who of ['sandbox-prod', 'sandbox-data']) {
      expect((await ec2(sb, who).send(new DescribeTransitGatewaysCommand({}))).TransitGateways?.map((g) => [g.TransitGatewayId, g.OwnerId]), who).toEqual([[hub, NET]]);
      expect((await ec2(sb, who).send(new DescribeTransitGatewayRouteTablesCommand({}))).TransitGatewayRouteTables, who).toEqual([]);
    }
    expect((await ec2(sb, 'sandbox-dev').send(new DescribeTransitGatewaysCommand({}))).TransitGateways).toEqual([]);

    const attachments = (await ec2(sb, 'sandbox-network').send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [hub] }] })))
      .TransitGatewayAttachments;
    expect(attachments?.map((a) => [a.ResourceType, a.ResourceId, a.ResourceOwnerId, a.State]).sort()).toEqual(
      [
        ['peering', ref('tgw:eu-tgw'), NET, 'available'],
        ['vpc', ref('vpc:data-lake-use1'), DATA, 'pendingAcceptance'],
        ['vpc', ref('vpc:prod-app-use1'), PROD, 'available'],
        ['vpc', ref('vpc:shared-use1'), NET, 'available'],
      ].sort(),
    );
    const hubRoutes = (await ec2(sb, 'sandbox-network').send(
      new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: ref('tgw-rtb:hub-tgw'), Filters: [{ Name: 'state', Values: ['active'] }] }),
    )).Routes;
    expect(hubRoutes?.map((r) => `${r.DestinationCidrBlock} ${r.Type} ${r.TransitGatewayAttachments?.[0]?.ResourceId ?? ''}`).sort()).toEqual(
      [
        `10.0.0.0/16 propagated ${ref('vpc:shared-use1')}`,
        `10.1.0.0/16 propagated ${ref('vpc:shared-use1')}`,
        `10.16.0.0/16 static ${ref('tgw:eu-tgw')}`,
        `10.64.0.0/16 propagated ${ref('vpc:prod-app-use1')}`,
        `10.66.0.0/16 propagated ${ref('vpc:prod-app-use1')}`,
      ].sort(),
    );

    // prod-app → shared-services: the peering's /16 is more specific than the gateway's /15.
    const prodMain = tables.find((t) => t.RouteTableId === ref('rtb:prod-app-main'));
    expect(prodMain?.Routes?.filter((r) => r.DestinationCidrBlock?.startsWith('10.0.')).map((r) => [r.DestinationCidrBlock, r.VpcPeeringConnectionId ?? r.TransitGatewayId, r.State]).sort()).toEqual([
      ['10.0.0.0/15', hub, 'active'],
      ['10.0.0.0/16', ref('pcx:hub-prod-app'), 'active'],
    ]);
    expect(peerings.get(ref('pcx:hub-prod-app'))?.Status?.Code).toBe('active');

    const peering = (await ec2(sb, 'sandbox-network', 'eu-west-1').send(new DescribeTransitGatewayPeeringAttachmentsCommand({}))).TransitGatewayPeeringAttachments;
    expect(peering).toEqual([
      expect.objectContaining({
        TransitGatewayAttachmentId: ref('tgw-attach:hub-us-eu-tgw'),
        State: 'available',
        RequesterTgwInfo: expect.objectContaining({ TransitGatewayId: hub, Region: 'us-east-1' }),
        AccepterTgwInfo: expect.objectContaining({ TransitGatewayId: ref('tgw:eu-tgw'), Region: 'eu-west-1' }),
      }),
    ]);
    const euStatic = (await ec2(sb, 'sandbox-network', 'eu-west-1').send(
      new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: ref('tgw-rtb:eu-tgw'), Filters: [{ Name: 'type', Values: ['static'] }] }),
    )).Routes;
    expect(euStatic?.map((r) => [r.DestinationCidrBlock, r.State, r.TransitGatewayAttachments?.[0]?.ResourceId])).toEqual([['10.0.0.0/16', 'active', hub]]);
  });
});
