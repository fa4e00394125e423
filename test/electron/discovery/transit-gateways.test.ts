/** Discovery of transit gateways against the sandbox: a gateway with two VPC attachments, its
 * route tables (associations, propagations, static, blackhole and propagated routes), a peering
 * of two gateways in two regions, a denied action (its kind unread, the VPCs loaded), and routes
 * held back by SearchTransitGatewayRoutes (found by splitting the query). */
import {
  AcceptTransitGatewayPeeringAttachmentCommand,
  AssociateTransitGatewayRouteTableCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayPeeringAttachmentCommand,
  CreateTransitGatewayRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  DisassociateTransitGatewayRouteTableCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  EC2Client,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { searchAllRoutes } from '../../../electron/discovery/kinds/transit-gateway-routes';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { startDiscoverySandbox, type DiscoverySandbox } from '../../support/discovery-sandbox';

describe('discovery of transit gateways, their attachments, peerings and route tables', () => {
  let sandbox: DiscoverySandbox;
  let net: string;
  const ids: Record<string, string> = {};

  const clientIn = (profile: string, region: string): EC2Client => {
    const a = sandbox.server.accounts.find((x) => x.profile === profile)!;
    return new EC2Client({ endpoint: sandbox.server.endpoint, region, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, maxAttempts: 1 });
  };

  /** Scan the network account in both regions. */
  const scan = async (scanThreads = 0, pageSizes: Record<string, number> = {}): Promise<Snapshot> => {
    const r = await runDiscovery(
      { profiles: ['sandbox-network'], regions: ['us-east-1', 'us-west-2'] },
      { ...sandbox.deps, limits: { scanThreads, pageSizes } },
    );
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    return r.value;
  };

  beforeAll(async () => {
    sandbox = await startDiscoverySandbox('peerscape-tgw-');
    net = sandbox.accounts['sandbox-network']!;
    const east = clientIn('sandbox-network', 'us-east-1');
    const west = clientIn('sandbox-network', 'us-west-2');
    const vpc = async (cidr: string) => (await east.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    const subnet = async (vpcId: string, cidr: string, zone: string) =>
      (await east.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId as string;
    ids.app = await vpc('10.90.0.0/16');
    ids.appA = await subnet(ids.app, '10.90.1.0/24', 'us-east-1a');
    ids.appB = await subnet(ids.app, '10.90.2.0/24', 'us-east-1b');
    ids.db = await vpc('10.91.0.0/16');
    ids.dbA = await subnet(ids.db, '10.91.1.0/24', 'us-east-1a');

    const hub = (
      await east.send(new CreateTransitGatewayCommand({ Description: 'core', TagSpecifications: [{ ResourceType: 'transit-gateway', Tags: [{ Key: 'Name', Value: 'hub' }] }] }))
    ).TransitGateway;
    ids.hub = hub?.TransitGatewayId as string;
    ids.defaultRtb = hub?.Options?.AssociationDefaultRouteTableId as string;
    const attach = async (vpcId: string, subnetIds: string[]) =>
      (await east.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: ids.hub, VpcId: vpcId, SubnetIds: subnetIds, Options: { ApplianceModeSupport: 'enable' } })))
        .TransitGatewayVpcAttachment?.TransitGatewayAttachmentId as string;
    ids.appAttach = await attach(ids.app, [ids.appA, ids.appB]);
    ids.dbAttach = await attach(ids.db, [ids.dbA]);
    // The db VPC moves to a table of its own, which learns the app VPC's routes.
    ids.isolated = (
      await east.send(
        new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: ids.hub, TagSpecifications: [{ ResourceType: 'transit-gateway-route-table', Tags: [{ Key: 'Name', Value: 'isolated' }] }] }),
      )
    ).TransitGatewayRouteTable?.TransitGatewayRouteTableId as string;
    await east.send(new DisassociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: ids.defaultRtb, TransitGatewayAttachmentId: ids.dbAttach }));
    await east.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: ids.isolated, TransitGatewayAttachmentId: ids.dbAttach }));
    await east.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: ids.isolated, TransitGatewayAttachmentId: ids.appAttach }));
    await east.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: ids.defaultRtb, DestinationCidrBlock: '10.92.0.0/16', TransitGatewayAttachmentId: ids.appAttach }));
    await east.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: ids.defaultRtb, DestinationCidrBlock: '10.93.0.0/16', Blackhole: true }));

    // A gateway in us-west-2 peered with the hub, routed to over the peering.
    const far = (await west.send(new CreateTransitGatewayCommand({}))).TransitGateway;
    ids.far = far?.TransitGatewayId as string;
    ids.farRtb = far?.Options?.AssociationDefaultRouteTableId as string;
    ids.peering = (
      await east.send(new CreateTransitGatewayPeeringAttachmentCommand({ TransitGatewayId: ids.hub, PeerTransitGatewayId: ids.far, PeerAccountId: net, PeerRegion: 'us-west-2' }))
    ).TransitGatewayPeeringAttachment?.TransitGatewayAttachmentId as string;
    await west.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: ids.peering }));
    await west.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: ids.farRtb, TransitGatewayAttachmentId: ids.peering }));
    await west.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: ids.farRtb, DestinationCidrBlock: '10.90.0.0/16', TransitGatewayAttachmentId: ids.peering }));
    east.destroy();
    west.destroy();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('reads a gateway with its options, owner and routing, once', async () => {
    const snapshot = await scan();
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot });
    const hub = snapshot.topology.transitGateways.find((g) => g.id === ids.hub);
    expect(hub).toEqual({
      id: ids.hub,
      accountId: net,
      region: 'us-east-1',
      name: 'hub',
      description: 'core',
      tags: { Name: 'hub' },
      state: 'available',
      options: {
        amazonSideAsn: 64512,
        autoAcceptSharedAttachments: false,
        defaultRouteTableAssociation: true,
        associationDefaultRouteTableId: ids.defaultRtb,
        defaultRouteTablePropagation: true,
        propagationDefaultRouteTableId: ids.defaultRtb,
        dnsSupport: true,
        vpnEcmpSupport: true,
        securityGroupReferencingSupport: true,
        multicastSupport: false,
        transitGatewayCidrBlocks: [],
      },
      sharedWith: [],
      routing: { state: 'read' },
    });
    expect(snapshot.topology.transitGateways.map((g) => `${g.region}/${g.id}`).sort()).toEqual([`us-east-1/${ids.hub}`, `us-west-2/${ids.far}`].sort());
  });

  it('reads both VPC attachments with their subnets, zones, options and associations', async () => {
    const { transitGatewayAttachments: attachments } = (await scan()).topology;
    const app = attachments.find((a) => a.id === ids.appAttach);
    expect(app).toEqual({
      id: ids.appAttach,
      transitGatewayId: ids.hub,
      transitGatewayOwnerId: net,
      region: 'us-east-1',
      resourceType: 'vpc',
      resourceId: ids.app,
      resourceOwnerId: net,
      state: 'available',
      association: { routeTableId: ids.defaultRtb, state: 'associated' },
      vpc: {
        vpcId: ids.app,
        subnets: [
          { subnetId: ids.appA, availabilityZone: 'us-east-1a' },
          { subnetId: ids.appB, availabilityZone: 'us-east-1b' },
        ],
        options: { dnsSupport: true, ipv6Support: false, applianceModeSupport: true, securityGroupReferencingSupport: true },
      },
      listedBy: [net],
    });
    expect(attachments.find((a) => a.id === ids.dbAttach)?.association).toEqual({ routeTableId: ids.isolated, state: 'associated' });
  });

  it('reads each route table’s associations, propagations and static, blackhole and propagated routes', async () => {
    const tables = new Map((await scan()).topology.transitGatewayRouteTables.map((t) => [t.id, t]));
    const attachment = (id: string, resourceId: string, resourceType = 'vpc') => ({ attachmentId: id, resourceType, resourceId });
    const main = tables.get(ids.defaultRtb as `tgw-rtb-${string}`);
    expect(main).toMatchObject({ transitGatewayId: ids.hub, accountId: net, region: 'us-east-1', defaultAssociation: true, defaultPropagation: true, routesComplete: true });
    expect(main?.associations).toEqual([{ ...attachment(ids.appAttach!, ids.app!), state: 'associated' }]);
    expect(main?.propagations.map((p) => [p.attachmentId, p.state]).sort()).toEqual([[ids.appAttach, 'enabled'], [ids.dbAttach, 'enabled']].sort());
    expect(main?.routes).toEqual([
      { destination: { kind: 'cidr', cidr: '10.90.0.0/16' }, type: 'propagated', state: 'active', targets: [attachment(ids.appAttach!, ids.app!)] },
      { destination: { kind: 'cidr', cidr: '10.91.0.0/16' }, type: 'propagated', state: 'active', targets: [attachment(ids.dbAttach!, ids.db!)] },
      { destination: { kind: 'cidr', cidr: '10.92.0.0/16' }, type: 'static', state: 'active', targets: [attachment(ids.appAttach!, ids.app!)] },
      { destination: { kind: 'cidr', cidr: '10.93.0.0/16' }, type: 'static', state: 'blackhole', targets: [] },
    ]);
    const isolated = tables.get(ids.isolated as `tgw-rtb-${string}`);
    expect(isolated).toMatchObject({ name: 'isolated', defaultAssociation: false, defaultPropagation: false, routesComplete: true });
    expect(isolated?.associations).toEqual([{ ...attachment(ids.dbAttach!, ids.db!), state: 'associated' }]);
    expect(isolated?.propagations).toEqual([{ ...attachment(ids.appAttach!, ids.app!), state: 'enabled' }]);
    expect(isolated?.routes).toEqual([{ destination: { kind: 'cidr', cidr: '10.90.0.0/16' }, type: 'propagated', state: 'active', targets: [attachment(ids.appAttach!, ids.app!)] }]);
  });

  it('reads a peering of gateways in two regions once, and each gateway’s attachment to it', async () => {
    const { topology } = await scan();
    expect(topology.transitGatewayPeerings).toEqual([
      {
        id: ids.peering,
        requester: { transitGatewayId: ids.hub, accountId: net, region: 'us-east-1' },
        accepter: { transitGatewayId: ids.far, accountId: net, region: 'us-west-2' },
        state: 'available',
        statusMessage: expect.any(String),
        dynamicRouting: 'disable',
      },
    ]);
    const sides = topology.transitGatewayAttachments.filter((a) => a.id === ids.peering);
    expect(sides.map((a) => [a.region, a.transitGatewayId, a.resourceType, a.resourceId, a.association?.routeTableId])).toEqual([
      ['us-east-1', ids.hub, 'peering', ids.far, undefined],
      ['us-west-2', ids.far, 'peering', ids.hub, ids.farRtb],
    ]);
    const far = topology.transitGatewayRouteTables.find((t) => t.id === ids.farRtb);
    expect(far?.routes).toEqual([
      { destination: { kind: 'cidr', cidr: '10.90.0.0/16' }, type: 'static', state: 'active', targets: [{ attachmentId: ids.peering, resourceType: 'peering', resourceId: ids.hub }] },
    ]);
  });

  it('finds the same on worker threads and with the smallest pages', async () => {
    const here = await scan(0);
    expect(await scan(2)).toEqual(here);
    const small = Object.fromEntries(
      [
        'DescribeTransitGateways',
        'DescribeTransitGatewayAttachments',
        'DescribeTransitGatewayVpcAttachments',
        'DescribeTransitGatewayPeeringAttachments',
        'DescribeTransitGatewayRouteTables',
        'GetTransitGatewayRouteTableAssociations',
        'GetTransitGatewayRouteTablePropagations',
      ].map((a) => [a, 5]),
    );
    expect((await scan(0, small)).topology).toEqual(here.topology);
  }, 60_000);

  it('asks for VPC attachment and peering details only where the attachments listed include such types', async () => {
    const pages: Record<string, Record<string, number>> = {};
    const r = await runDiscovery(
      { profiles: ['sandbox-network', 'sandbox-prod'], regions: ['us-east-1', 'us-west-2'] },
      { ...sandbox.deps, limits: { scanThreads: 0 }, onCellScanned: (c) => void (pages[`${c.accountId}/${c.region}`] = c.pages) },
    );
    if (!r.ok) throw new Error(r.error.message);
    const prod = sandbox.accounts['sandbox-prod']!;
    const calls = (cell: string) => [
      pages[cell]?.DescribeTransitGateways,
      pages[cell]?.DescribeTransitGatewayAttachments,
      pages[cell]?.DescribeTransitGatewayVpcAttachments,
      pages[cell]?.DescribeTransitGatewayPeeringAttachments,
      pages[cell]?.DescribeTransitGatewayRouteTables,
    ];
    expect(calls(`${net}/us-east-1`)).toEqual([1, 1, 1, 1, 1]);
    expect(calls(`${net}/us-west-2`)).toEqual([1, 1, 0, 1, 1]);
    expect(calls(`${prod}/us-east-1`)).toEqual([1, 1, 0, 0, 1]);
  });

  it('leaves a kind whose call is denied unread, with the VPCs and the other kinds loaded, and the gateway’s routing unread', async () => {
    sandbox.server.setFaults({ denyActions: [{ action: 'SearchTransitGatewayRoutes' }, { action: 'DescribeTransitGatewayVpcAttachments', region: 'us-east-1' }] });
    try {
      const snapshot = await scan();
      const east = snapshot.coverage.find((c) => c.region === 'us-east-1');
      expect(east?.state).toBe('complete');
      expect(east?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([
        ['transitGatewayAttachments', 'UnauthorizedOperation'],
        ['transitGatewayRouteTables', 'UnauthorizedOperation'],
      ]);
      expect(snapshot.topology.vpcs.map((v) => v.id).sort()).toEqual([ids.app, ids.db].sort());
      expect(snapshot.topology.transitGatewayRouteTables).toEqual([]);
      expect(snapshot.topology.transitGatewayAttachments.map((a) => a.region)).toEqual(['us-west-2']);
      expect(snapshot.topology.transitGatewayPeerings.map((p) => p.id)).toEqual([ids.peering]);
      expect(snapshot.topology.transitGateways.map((g) => g.routing)).toEqual([
        { state: 'unread', reason: 'route-tables-unread' },
        { state: 'unread', reason: 'route-tables-unread' },
      ]);
    } finally {
      sandbox.server.setFaults({});
    }
  });

  it('finds every route of a table whose search answers are cut short, by splitting the search', async () => {
    const east = clientIn('sandbox-network', 'us-east-1');
    const table = (
      await east.send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: ids.hub }))
    ).TransitGatewayRouteTable?.TransitGatewayRouteTableId as string;
    const cidrs = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '10.5.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '192.168.1.0/24', '100.64.0.0/10', '8.8.8.8/32'];
    for (const cidr of cidrs) await east.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: table, DestinationCidrBlock: cidr, Blackhole: true }));
    let queries = 0;
    // The sandbox's route search takes IPv4 blocks only, so the split walks the IPv4 space here.
    const found = await searchAllRoutes(
      async (Filters) => {
        queries += 1;
        const out = await east.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: table, Filters, MaxResults: 5 }));
        return { routes: out.Routes ?? [], more: out.AdditionalRoutesAvailable === true };
      },
      [{ family: 4, network: 0n, length: 0 }],
    );
    expect(found.complete).toBe(true);
    expect(found.routes.map((r) => r.DestinationCidrBlock).sort()).toEqual([...cidrs].sort());
    expect(queries).toBeGreaterThan(3);
    east.destroy();
  });
});
