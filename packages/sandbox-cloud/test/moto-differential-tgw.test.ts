/** Differential tests for transit gateways: the same calls through the real SDK against the sandbox
 * and against moto 5.2.1, compared by logical names, where moto follows AWS. Where moto departs
 * from AWS, the test asserts only that the sandbox follows AWS. Off CI a
 * missing moto skips these tests with a message; on CI (`CI` set) they fail.
 */
import {
  AssociateTransitGatewayRouteTableCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  DeleteTransitGatewayRouteCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DescribeRouteTablesCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  SearchTransitGatewayRoutesCommand,
  type Filter,
  type TransitGateway,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason } from '../src/testing/moto';
import { both, code, named, startDifferentialPair, type DifferentialPair, type Target } from './moto-targets';

const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/** A gateway's options with its route table ids as names. */
function normaliseGateway(t: Target, g: TransitGateway | undefined): Record<string, unknown> {
  const o = g?.Options;
  return {
    state: g?.State,
    owner: g?.OwnerId,
    description: g?.Description,
    asn: o?.AmazonSideAsn,
    autoAccept: o?.AutoAcceptSharedAttachments,
    association: o?.DefaultRouteTableAssociation,
    propagation: o?.DefaultRouteTablePropagation,
    dns: o?.DnsSupport,
    ecmp: o?.VpnEcmpSupport,
    associationTable: named(t, o?.AssociationDefaultRouteTableId),
    propagationTable: named(t, o?.PropagationDefaultRouteTableId),
  };
}

describe.skipIf(Boolean(missing) && !process.env.CI)('sandbox and moto agree on transit gateways', () => {
  let pair: DifferentialPair | undefined;
  let targets: Target[];

  beforeAll(async () => {
    pair = await startDifferentialPair('differential');
    targets = pair.targets;
    // The same VPCs in both, each with a subnet in us-east-1a: v1 10.10.0.0/16, v2 10.11.0.0/16.
    for (const t of targets) {
      for (const [key, cidr] of [
        ['v1', '10.10.0.0/16'],
        ['v2', '10.11.0.0/16'],
      ] as const) {
        const vpc = (await t.a().send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
        t.names.set(vpc, key);
        const subnet = await t.a().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr.replace('.0.0/16', '.1.0/24'), AvailabilityZone: 'us-east-1a' }));
        t.names.set(subnet.Subnet?.SubnetId as string, `${key}-a`);
      }
    }
  });
  afterAll(async () => {
    await pair?.stop();
  });

  const idOf = (t: Target, key: string): string => [...t.names].find(([, n]) => n === key)?.[0] as string;

  /** Makes gateway `key` (its default route table named `<key>-rt`) in both targets. */
  async function gateway(key: string, options: Record<string, unknown> = {}): Promise<[TransitGateway | undefined, TransitGateway | undefined]> {
    return both(targets, async (t) => {
      const g = (await t.a().send(new CreateTransitGatewayCommand({ Description: key, Options: options }))).TransitGateway;
      t.names.set(g?.TransitGatewayId as string, key);
      const rt = g?.Options?.AssociationDefaultRouteTableId ?? g?.Options?.PropagationDefaultRouteTableId;
      if (rt) t.names.set(rt, `${key}-rt`);
      return g;
    });
  }

  async function attach(t: Target, gw: string, vpc: string): Promise<string> {
    const a = await t.a().send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: idOf(t, gw), VpcId: idOf(t, vpc), SubnetIds: [idOf(t, `${vpc}-a`)] }));
    const id = a.TransitGatewayVpcAttachment?.TransitGatewayAttachmentId as string;
    t.names.set(id, `${gw}/${vpc}`);
    return id;
  }

  it('create a gateway with the same default options and one default route table named in them', async () => {
    const made = await gateway('hub');
    const [s, m] = await both(targets, async (t) => {
      const g = (await t.a().send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [idOf(t, 'hub')] }))).TransitGateways?.[0];
      const tables = (await t.a().send(new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [idOf(t, 'hub')] }] })))
        .TransitGatewayRouteTables;
      return {
        gateway: normaliseGateway(t, g),
        tables: tables?.map((rt) => [named(t, rt.TransitGatewayRouteTableId), rt.DefaultAssociationRouteTable, rt.DefaultPropagationRouteTable, rt.State]),
      };
    });
    expect(s).toEqual(m);
    expect(s.gateway).toMatchObject({ asn: 64512, association: 'enable', propagation: 'enable', associationTable: 'hub-rt', propagationTable: 'hub-rt', autoAccept: 'disable' });
    // moto departs: its gateway is available at once; AWS answers CreateTransitGateway with pending.
    expect(made[0]?.State).toBe('pending');
  });

  it('attach VPCs with the default association, one attachment per VPC (DuplicateTransitGatewayAttachment), and refuse an unknown gateway', async () => {
    await gateway('spokes');
    const [s, m] = await both(targets, async (t) => {
      const att = await attach(t, 'spokes', 'v1');
      const listed = (await t.a().send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [idOf(t, 'spokes')] }] })))
        .TransitGatewayAttachments;
      const vpcAttachments = (await t.a().send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [att] }))).TransitGatewayVpcAttachments;
      return {
        listed: listed?.map((a) => [named(t, a.TransitGatewayAttachmentId), a.ResourceType, named(t, a.ResourceId), a.ResourceOwnerId, named(t, a.Association?.TransitGatewayRouteTableId), a.Association?.State]),
        vpc: vpcAttachments?.map((a) => [named(t, a.VpcId), a.SubnetIds?.map((x) => named(t, x)), a.Options?.DnsSupport, a.Options?.Ipv6Support]),
        duplicate: await code(
          t.a().send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: idOf(t, 'spokes'), VpcId: idOf(t, 'v1'), SubnetIds: [idOf(t, 'v1-a')] })),
        ),
        unknownGateway: await code(
          t.a().send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: 'tgw-0123456789abcdef0', VpcId: idOf(t, 'v2'), SubnetIds: [idOf(t, 'v2-a')] })),
        ),
      };
    });
    expect(s).toEqual(m);
    expect(s.duplicate).toBe('DuplicateTransitGatewayAttachment');
    expect(s.unknownGateway).toBe('InvalidTransitGatewayID.NotFound');
  });

  it('keep static and blackhole routes, found by type, state and exact match, and associate an attachment with a table of its gateway', async () => {
    await gateway('routes', { DefaultRouteTableAssociation: 'disable' });
    const [s, m] = await both(targets, async (t) => {
      const att = await attach(t, 'routes', 'v2');
      const rtb = idOf(t, 'routes-rt');
      await t.a().send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.16.0.0/16', TransitGatewayAttachmentId: att }));
      await t.a().send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', Blackhole: true }));
      await t.a().send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.17.0.0/16', Blackhole: true }));
      await t.a().send(new DeleteTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.17.0.0/16' }));
      const find = async (filters: Filter[]) =>
        ((await t.a().send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: filters }))).Routes ?? [])
          .map((r) => `${r.DestinationCidrBlock} ${r.Type} ${r.State}`)
          .sort();
      const second = (await t.a().send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: idOf(t, 'routes') }))).TransitGatewayRouteTable
        ?.TransitGatewayRouteTableId as string;
      t.names.set(second, 'routes-rt2');
      const moved = await t.a().send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: second, TransitGatewayAttachmentId: att }));
      const assoc = async (table: string) =>
        ((await t.a().send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: table }))).Associations ?? []).map((a) => [
          named(t, a.TransitGatewayAttachmentId),
          named(t, a.ResourceId),
          a.ResourceType,
        ]);
      return {
        statics: await find([{ Name: 'type', Values: ['static'] }]),
        blackholes: await find([{ Name: 'state', Values: ['blackhole'] }]),
        exact: await find([{ Name: 'route-search.exact-match', Values: ['172.16.0.0/16'] }]),
        moved: [named(t, moved.Association?.TransitGatewayRouteTableId), named(t, moved.Association?.TransitGatewayAttachmentId)],
        second: await assoc(second),
        first: await assoc(rtb),
      };
    });
    // moto departs: it lists the attachment as associated with the default table as well, though
    // default association is disabled (AWS: one association per attachment).
    expect({ ...s, first: [] }).toEqual({ ...m, first: [] });
    expect(s.first).toEqual([]);
    expect(s.statics).toEqual(['172.16.0.0/16 static active', '192.168.0.0/16 static blackhole']);
    expect(s.second).toEqual([['routes/v2', 'v2', 'vpc']]);
  });

  it('route VPC traffic to a gateway with CreateRoute (TransitGatewayId), one route per destination (RouteAlreadyExists)', async () => {
    await gateway('edge');
    const [s, m] = await both(targets, async (t) => {
      const rtb = (await t.a().send(new CreateRouteTableCommand({ VpcId: idOf(t, 'v1') }))).RouteTable?.RouteTableId as string;
      await t.a().send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.11.0.0/16', TransitGatewayId: idOf(t, 'edge') }));
      const again = await code(t.a().send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.11.0.0/16', TransitGatewayId: idOf(t, 'edge') })));
      const routes = (await t.a().send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? [];
      return { again, routes: routes.map((r) => [r.DestinationCidrBlock, named(t, r.TransitGatewayId ?? r.GatewayId), r.State, r.Origin]) };
    });
    expect(s).toEqual(m);
    expect(s.again).toBe('RouteAlreadyExists');
  });

  it('(moto departs) the sandbox propagates attached VPCs\' CIDRs and withdraws them with the attachment; moto never propagates', async () => {
    const t = targets[0] as Target;
    await gateway('propagating');
    const att = await attach(t, 'propagating', 'v1');
    await attach(t, 'propagating', 'v2');
    const rtb = idOf(t, 'propagating-rt');
    const propagated = async () =>
      ((await t.a().send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'type', Values: ['propagated'] }] }))).Routes ?? [])
        .map((r) => `${r.DestinationCidrBlock} ${named(t, r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId)}`)
        .sort();
    expect(await propagated()).toEqual(['10.10.0.0/16 propagating/v1', '10.11.0.0/16 propagating/v2']);
    await t.a().send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: att }));
    expect(await propagated()).toEqual(['10.11.0.0/16 propagating/v2']);
  });
});
