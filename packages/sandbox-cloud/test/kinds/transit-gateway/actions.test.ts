/** Transit gateways, their VPC attachments and route tables through the real AWS SDK: default
 * route tables and options, states over time, Describe filters and pages, one subnet per zone and
 * one attachment per VPC, default association and propagation, one association per attachment,
 * propagated routes (and the overlap rule), static and blackhole routes, the route-search
 * filters, what deleting an attachment does to routes, and VPC routes to a transit gateway. */
import {
  AssociateTransitGatewayRouteTableCommand,
  AssociateVpcCidrBlockCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteTransitGatewayCommand,
  DeleteTransitGatewayRouteCommand,
  DeleteTransitGatewayRouteTableCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DeleteVpcCommand,
  DescribeRouteTablesCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DisableTransitGatewayRouteTablePropagationCommand,
  DisassociateTransitGatewayRouteTableCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  GetTransitGatewayAttachmentPropagationsCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  ModifyTransitGatewayCommand,
  ModifyTransitGatewayVpcAttachmentCommand,
  ReplaceRouteCommand,
  ReplaceTransitGatewayRouteCommand,
  SearchTransitGatewayRoutesCommand,
  paginateDescribeTransitGateways,
  type EC2Client,
  type Filter,
  type TransitGatewayRoute,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const HOUR = 3_600_000;
let now = Date.parse('2026-03-01T12:00:00Z');
let sb: SandboxHandle;
let c: EC2Client;
let cidrs = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty', clock: () => now });
  c = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

const tgw = async (options: Record<string, unknown> = {}): Promise<{ id: string; rtb: string | undefined }> => {
  const g = (await c.send(new CreateTransitGatewayCommand({ Options: options }))).TransitGateway;
  return { id: g?.TransitGatewayId as string, rtb: g?.Options?.AssociationDefaultRouteTableId ?? g?.Options?.PropagationDefaultRouteTableId };
};
/** A VPC (a fresh /16 unless given) with a subnet in each zone asked for. */
const vpc = async (zones = ['a'], cidr = `10.${++cidrs}.0.0/16`): Promise<{ vpc: string; cidr: string; subnets: string[] }> => {
  const v = (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
  const subnets: string[] = [];
  for (const [i, z] of zones.entries()) {
    const s = await c.send(new CreateSubnetCommand({ VpcId: v, CidrBlock: cidr.replace(/\.0\.0\/16$/, `.${i}.0/24`), AvailabilityZone: `us-east-1${z}` }));
    subnets.push(s.Subnet?.SubnetId as string);
  }
  return { vpc: v, cidr, subnets };
};
const attach = async (g: string, v: { vpc: string; subnets: string[] }): Promise<string> =>
  (await c.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g, VpcId: v.vpc, SubnetIds: v.subnets }))).TransitGatewayVpcAttachment
    ?.TransitGatewayAttachmentId as string;
const search = async (rtb: string, filters: Filter[]): Promise<TransitGatewayRoute[]> =>
  (await c.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: filters }))).Routes ?? [];
const all = (rtb: string): Promise<TransitGatewayRoute[]> => search(rtb, [{ Name: 'state', Values: ['active', 'blackhole'] }]);
const brief = (routes: TransitGatewayRoute[]): string[] =>
  routes
    .map((r) => `${r.DestinationCidrBlock} ${r.Type} ${r.State} ${r.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId).join(',') ?? '-'}`)
    .sort();

describe('a transit gateway', () => {
  it('is created pending with AWS\'s default options and a default route table named in them, then is available', async () => {
    sb.server.setSettings({ gatewayTransitionMs: 60_000 });
    try {
      const made = await c.send(
        new CreateTransitGatewayCommand({ Description: 'hub', TagSpecifications: [{ ResourceType: 'transit-gateway', Tags: [{ Key: 'Name', Value: 'hub' }] }] }),
      );
      const g = made.TransitGateway;
      expect(g).toMatchObject({
        TransitGatewayId: expect.stringMatching(/^tgw-[0-9a-f]{17}$/),
        State: 'pending',
        OwnerId: sb.accounts.find((a) => a.profile === 'sandbox-prod')?.accountId,
        Description: 'hub',
        Tags: [{ Key: 'Name', Value: 'hub' }],
        Options: {
          AmazonSideAsn: 64512,
          AutoAcceptSharedAttachments: 'disable',
          DefaultRouteTableAssociation: 'enable',
          DefaultRouteTablePropagation: 'enable',
          AssociationDefaultRouteTableId: expect.stringMatching(/^tgw-rtb-[0-9a-f]{17}$/),
          VpnEcmpSupport: 'enable',
          DnsSupport: 'enable',
          MulticastSupport: 'disable',
        },
      });
      expect(g?.TransitGatewayArn).toBe(`arn:aws:ec2:us-east-1:${g?.OwnerId}:transit-gateway/${g?.TransitGatewayId}`);
      expect(g?.Options?.PropagationDefaultRouteTableId).toBe(g?.Options?.AssociationDefaultRouteTableId);
      const id = g?.TransitGatewayId as string;
      const tables = await c.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [id] }] }));
      expect(tables.TransitGatewayRouteTables).toEqual([
        expect.objectContaining({
          TransitGatewayRouteTableId: g?.Options?.AssociationDefaultRouteTableId,
          DefaultAssociationRouteTable: true,
          DefaultPropagationRouteTable: true,
          State: 'pending',
        }),
      ]);
      now += 60_000;
      expect((await c.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [id] }))).TransitGateways?.[0]?.State).toBe('available');
    } finally {
      sb.server.setSettings({ gatewayTransitionMs: 0 });
    }
  });

  it('has no default route table when both default options are disabled, and gets one when one is enabled later', async () => {
    const { id, rtb } = await tgw({ DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable', AmazonSideAsn: 65100 });
    expect(rtb).toBeUndefined();
    expect((await c.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [id] }] }))).TransitGatewayRouteTables).toEqual([]);
    const modified = (await c.send(new ModifyTransitGatewayCommand({ TransitGatewayId: id, Options: { DefaultRouteTablePropagation: 'enable', DnsSupport: 'disable' } }))).TransitGateway;
    expect(modified?.Options).toMatchObject({ AmazonSideAsn: 65100, DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'enable', DnsSupport: 'disable' });
    expect(modified?.Options?.AssociationDefaultRouteTableId).toBeUndefined();
    expect(modified?.Options?.PropagationDefaultRouteTableId).toMatch(/^tgw-rtb-/);
    expect((await awsError(c.send(new CreateTransitGatewayCommand({ Options: { AmazonSideAsn: 7224 } })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new ModifyTransitGatewayCommand({ TransitGatewayId: 'tgw-0123456789abcdef0' })))).code).toBe('InvalidTransitGatewayID.NotFound');
  });

  it('is found by filters and listed in pages; unknown ids are InvalidTransitGatewayID.NotFound', async () => {
    const a = await tgw({ AutoAcceptSharedAttachments: 'enable' });
    const b = await tgw();
    const auto = await c.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: 'options.auto-accept-shared-attachments', Values: ['enable'] }] }));
    expect(auto.TransitGateways?.map((g) => g.TransitGatewayId)).toEqual([a.id]);
    const byTable = await c.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: 'options.association-default-route-table-id', Values: [b.rtb as string] }] }));
    expect(byTable.TransitGateways?.map((g) => g.TransitGatewayId)).toEqual([b.id]);
    await c.send(new CreateTagsCommand({ Resources: [b.id], Tags: [{ Key: 'Team', Value: 'net' }] }));
    expect((await c.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: 'tag:Team', Values: ['net'] }] }))).TransitGateways?.map((g) => g.TransitGatewayId)).toEqual([b.id]);
    for (let i = 0; i < 4; i++) await tgw();
    const everyOne = (await c.send(new DescribeTransitGatewaysCommand({}))).TransitGateways?.map((g) => g.TransitGatewayId) ?? [];
    const paged: string[] = [];
    let pages = 0;
    for await (const p of paginateDescribeTransitGateways({ client: c, pageSize: 5 }, {})) {
      pages++;
      paged.push(...(p.TransitGateways ?? []).map((g) => g.TransitGatewayId as string));
    }
    expect(everyOne.length).toBeGreaterThan(5);
    expect(pages).toBe(Math.ceil(everyOne.length / 5));
    expect(paged).toEqual(everyOne);
    const missing = await awsError(c.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: ['tgw-0123456789abcdef0'] })));
    expect(missing).toMatchObject({ code: 'InvalidTransitGatewayID.NotFound', message: "The transitGateway ID 'tgw-0123456789abcdef0' does not exist" });
    expect((await awsError(c.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: ['tgw-nope'] })))).code).toBe('InvalidTransitGatewayID.Malformed');
  });

  it('cannot be deleted while it has attachments (IncorrectState), and takes its route tables when it goes', async () => {
    const g = await tgw();
    const v = await vpc();
    const att = await attach(g.id, v);
    const held = await awsError(c.send(new DeleteTransitGatewayCommand({ TransitGatewayId: g.id })));
    expect(held).toMatchObject({ code: 'IncorrectState', message: `${g.id} has non-deleted Transit Gateway Attachments: ${att}` });
    await c.send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: att }));
    expect((await c.send(new DeleteTransitGatewayCommand({ TransitGatewayId: g.id }))).TransitGateway?.State).toBe('deleting');
    expect((await c.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [g.id] }))).TransitGateways?.[0]?.State).toBe('deleted');
    const rt = (await c.send(new DescribeTransitGatewayRouteTablesCommand({ TransitGatewayRouteTableIds: [g.rtb as string] }))).TransitGatewayRouteTables?.[0];
    expect(rt?.State).toBe('deleted');
    expect((await awsError(c.send(new DeleteTransitGatewayCommand({ TransitGatewayId: g.id })))).code).toBe('InvalidTransitGatewayID.NotFound');
    now += 2 * HOUR;
    expect((await c.send(new DescribeTransitGatewaysCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [g.id] }] }))).TransitGateways).toEqual([]);
  });
});

describe('a VPC attachment', () => {
  it('takes one subnet per zone (DuplicateSubnetsInSameZone) and one attachment per VPC per gateway (DuplicateTransitGatewayAttachment)', async () => {
    const g = await tgw();
    const v = await vpc(['a', 'a', 'b']);
    const twice = await awsError(attach(g.id, v));
    expect(twice.code).toBe('DuplicateSubnetsInSameZone');
    expect(twice.message).toContain('us-east-1a');
    const made = await c.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g.id, VpcId: v.vpc, SubnetIds: [v.subnets[0] as string, v.subnets[2] as string] }));
    expect(made.TransitGatewayVpcAttachment).toMatchObject({
      TransitGatewayAttachmentId: expect.stringMatching(/^tgw-attach-[0-9a-f]{17}$/),
      TransitGatewayId: g.id,
      VpcId: v.vpc,
      State: 'pending',
      SubnetIds: [v.subnets[0], v.subnets[2]],
      Options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
    });
    const dup = await awsError(attach(g.id, { vpc: v.vpc, subnets: [v.subnets[1] as string] }));
    expect(dup).toMatchObject({ code: 'DuplicateTransitGatewayAttachment', message: `${g.id} has non-deleted Transit Gateway Attachments with same VPC ID.` });
    expect((await awsError(c.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g.id, VpcId: v.vpc, SubnetIds: [] })))).code).toBe('MissingParameter');
    const other = await vpc();
    expect((await awsError(attach(g.id, { vpc: other.vpc, subnets: [v.subnets[1] as string] }))).code).toBe('InvalidParameterValue');
    expect((await awsError(attach('tgw-0123456789abcdef0', other))).code).toBe('InvalidTransitGatewayID.NotFound');
    const id = made.TransitGatewayVpcAttachment?.TransitGatewayAttachmentId as string;
    const moved = await c.send(new ModifyTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: id, AddSubnetIds: [v.subnets[1] as string], RemoveSubnetIds: [v.subnets[0] as string], Options: { ApplianceModeSupport: 'enable' } }));
    expect(moved.TransitGatewayVpcAttachment).toMatchObject({ SubnetIds: [v.subnets[2], v.subnets[1]], State: 'available', Options: { ApplianceModeSupport: 'enable' } });
    expect((await awsError(c.send(new ModifyTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: id, AddSubnetIds: [v.subnets[0] as string] })))).code).toBe('DuplicateSubnetsInSameZone');
  });

  it('is associated with and propagates to the default route table, shown by DescribeTransitGatewayAttachments with its Association', async () => {
    const g = await tgw();
    const v = await vpc(['a', 'b']);
    const att = await attach(g.id, v);
    const listed = await c.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [att] }));
    expect(listed.TransitGatewayAttachments).toEqual([
      expect.objectContaining({
        TransitGatewayAttachmentId: att,
        TransitGatewayId: g.id,
        ResourceType: 'vpc',
        ResourceId: v.vpc,
        State: 'available',
        Association: { TransitGatewayRouteTableId: g.rtb, State: 'associated' },
      }),
    ]);
    expect(listed.TransitGatewayAttachments?.[0]?.TransitGatewayOwnerId).toBe(listed.TransitGatewayAttachments?.[0]?.ResourceOwnerId);
    const byTable = await c.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'association.transit-gateway-route-table-id', Values: [g.rtb as string] }] }));
    expect(byTable.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([att]);
    const vpcs = await c.send(new DescribeTransitGatewayVpcAttachmentsCommand({ Filters: [{ Name: 'vpc-id', Values: [v.vpc] }] }));
    expect(vpcs.TransitGatewayVpcAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([att]);
    expect(brief(await all(g.rtb as string))).toEqual([`${v.cidr} propagated active ${att}`]);
    // Tags find the kind by the longest id prefix: tgw-attach- and tgw-rtb- ids are not gateways.
    await c.send(new CreateTagsCommand({ Resources: [att, g.rtb as string], Tags: [{ Key: 'Name', Value: 'spoke' }] }));
    expect((await c.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'tag:Name', Values: ['spoke'] }] }))).TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([att]);
    expect((await c.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'tag:Name', Values: ['spoke'] }] }))).TransitGatewayRouteTables?.map((t) => t.TransitGatewayRouteTableId)).toEqual([g.rtb]);
    const off = await tgw({ DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' });
    const bare = await attach(off.id, v);
    expect((await c.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [bare] }))).TransitGatewayAttachments?.[0]?.Association).toBeUndefined();
  });

  it('holds its VPC and subnets until deleted (DependencyViolation)', async () => {
    const g = await tgw();
    const v = await vpc();
    const att = await attach(g.id, v);
    expect((await awsError(c.send(new DeleteSubnetCommand({ SubnetId: v.subnets[0] as string })))).code).toBe('DependencyViolation');
    expect((await awsError(c.send(new DeleteVpcCommand({ VpcId: v.vpc })))).code).toBe('DependencyViolation');
    expect((await c.send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: att }))).TransitGatewayVpcAttachment?.State).toBe('deleting');
    await c.send(new DeleteSubnetCommand({ SubnetId: v.subnets[0] as string }));
    await c.send(new DeleteVpcCommand({ VpcId: v.vpc }));
  });
});

describe('transit gateway route tables', () => {
  it('take one association per attachment (Resource.AlreadyAssociated), moved by disassociating first', async () => {
    const g = await tgw();
    const v = await vpc();
    const att = await attach(g.id, v);
    const rt = (await c.send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: g.id }))).TransitGatewayRouteTable;
    expect(rt).toMatchObject({ State: 'pending', DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false });
    const second = rt?.TransitGatewayRouteTableId as string;
    const again = await awsError(c.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: second, TransitGatewayAttachmentId: att })));
    expect(again.code).toBe('Resource.AlreadyAssociated');
    expect((await awsError(c.send(new DeleteTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: g.rtb as string })))).code).toBe('IncorrectState');
    const off = await c.send(new DisassociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: g.rtb as string, TransitGatewayAttachmentId: att }));
    expect(off.Association).toMatchObject({ TransitGatewayRouteTableId: g.rtb, TransitGatewayAttachmentId: att, ResourceId: v.vpc, ResourceType: 'vpc', State: 'disassociating' });
    const on = await c.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: second, TransitGatewayAttachmentId: att }));
    expect(on.Association?.State).toBe('associating');
    expect((await c.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: second }))).Associations).toEqual([
      { TransitGatewayAttachmentId: att, ResourceId: v.vpc, ResourceType: 'vpc', State: 'associated' },
    ]);
    expect((await c.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: g.rtb as string }))).Associations).toEqual([]);
    const otherGateway = await tgw();
    const foreign = await awsError(c.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: otherGateway.rtb as string, TransitGatewayAttachmentId: att })));
    expect(foreign.code).toBe('InvalidParameterValue');
  });

  it('learn propagated routes for the VPC\'s CIDRs, except a CIDR overlapping one already propagated', async () => {
    const g = await tgw();
    const first = await vpc(['a'], '10.200.0.0/16');
    const overlapping = await vpc(['a'], '10.200.0.0/16');
    const third = await vpc(['b'], '10.201.0.0/16');
    const a1 = await attach(g.id, first);
    const a2 = await attach(g.id, overlapping);
    const a3 = await attach(g.id, third);
    const rtb = g.rtb as string;
    expect(brief(await all(rtb))).toEqual([`10.200.0.0/16 propagated active ${a1}`, `10.201.0.0/16 propagated active ${a3}`]);
    const props = await c.send(new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: rtb }));
    expect(props.TransitGatewayRouteTablePropagations?.map((p) => p.TransitGatewayAttachmentId).sort()).toEqual([a1, a2, a3].sort());
    // Once the first stops propagating, the overlapping VPC's CIDR is the one propagated.
    const off = await c.send(new DisableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: rtb, TransitGatewayAttachmentId: a1 }));
    expect(off.Propagation).toMatchObject({ TransitGatewayAttachmentId: a1, State: 'disabled' });
    expect(brief(await all(rtb))).toEqual([`10.200.0.0/16 propagated active ${a2}`, `10.201.0.0/16 propagated active ${a3}`]);
    const dup = await awsError(c.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: rtb, TransitGatewayAttachmentId: a2 })));
    expect(dup.code).toBe('TransitGatewayRouteTablePropagation.Duplicate');
    const rt2 = (await c.send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: g.id }))).TransitGatewayRouteTable?.TransitGatewayRouteTableId as string;
    const on = await c.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: rt2, TransitGatewayAttachmentId: a3 }));
    expect(on.Propagation).toMatchObject({ TransitGatewayRouteTableId: rt2, TransitGatewayAttachmentId: a3, ResourceId: third.vpc, State: 'enabled' });
    const tables = await c.send(new GetTransitGatewayAttachmentPropagationsCommand({ TransitGatewayAttachmentId: a3 }));
    expect(tables.TransitGatewayAttachmentPropagations?.map((p) => p.TransitGatewayRouteTableId).sort()).toEqual([rtb, rt2].sort());
  });

  it("propagate the VPC's IPv6 blocks only for an attachment with IPv6 support, turned on or off by ModifyTransitGatewayVpcAttachment", async () => {
    const g = await tgw();
    const dual = await vpc(['a'], '10.210.0.0/16');
    const v6 = (await c.send(new AssociateVpcCidrBlockCommand({ VpcId: dual.vpc, AmazonProvidedIpv6CidrBlock: true }))).Ipv6CidrBlockAssociation?.Ipv6CidrBlock as string;
    expect(v6).toMatch(/::\/56$/);
    const other = await vpc(['a'], '10.211.0.0/16');
    await c.send(new AssociateVpcCidrBlockCommand({ VpcId: other.vpc, AmazonProvidedIpv6CidrBlock: true }));
    const withV6 = (
      await c.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g.id, VpcId: dual.vpc, SubnetIds: dual.subnets, Options: { Ipv6Support: 'enable' } }))
    ).TransitGatewayVpcAttachment;
    expect(withV6?.Options?.Ipv6Support).toBe('enable');
    const without = await attach(g.id, other);
    const rtb = g.rtb as string;
    expect(brief(await all(rtb))).toEqual([`10.210.0.0/16 propagated active ${withV6?.TransitGatewayAttachmentId}`, `10.211.0.0/16 propagated active ${without}`, `${v6} propagated active ${withV6?.TransitGatewayAttachmentId}`].sort());
    await c.send(new ModifyTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: withV6?.TransitGatewayAttachmentId, Options: { Ipv6Support: 'disable' } }));
    expect(brief(await all(rtb))).toEqual([`10.210.0.0/16 propagated active ${withV6?.TransitGatewayAttachmentId}`, `10.211.0.0/16 propagated active ${without}`]);
  });

  it('hold static and blackhole routes: one per prefix (RouteAlreadyExists), replaced and deleted; a static route overrides a propagated one of the same prefix', async () => {
    const g = await tgw();
    const v = await vpc(['a'], '10.210.0.0/16');
    const w = await vpc(['a'], '10.211.0.0/16');
    const av = await attach(g.id, v);
    const aw = await attach(g.id, w);
    const rtb = g.rtb as string;
    const made = await c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '10.210.0.0/16', TransitGatewayAttachmentId: aw }));
    expect(made.Route).toEqual({
      DestinationCidrBlock: '10.210.0.0/16',
      TransitGatewayAttachments: [{ TransitGatewayAttachmentId: aw, ResourceId: w.vpc, ResourceType: 'vpc' }],
      Type: 'static',
      State: 'active',
    });
    await c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', Blackhole: true }));
    expect(brief(await all(rtb))).toEqual([`10.210.0.0/16 static active ${aw}`, `10.211.0.0/16 propagated active ${aw}`, '192.168.0.0/16 static blackhole -']);
    const twice = await awsError(c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', TransitGatewayAttachmentId: av })));
    expect(twice.code).toBe('RouteAlreadyExists');
    expect((await awsError(c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.16.0.0/12' })))).code).toBe('MissingParameter');
    const replaced = await c.send(new ReplaceTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', TransitGatewayAttachmentId: av }));
    expect(replaced.Route).toMatchObject({ State: 'active', TransitGatewayAttachments: [{ TransitGatewayAttachmentId: av }] });
    expect((await awsError(c.send(new ReplaceTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.16.0.0/12', Blackhole: true })))).code).toBe('InvalidRoute.NotFound');
    const deleted = await c.send(new DeleteTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '10.210.0.0/16' }));
    expect(deleted.Route).toMatchObject({ DestinationCidrBlock: '10.210.0.0/16', Type: 'static', State: 'deleted' });
    expect(brief(await all(rtb))).toEqual([`10.210.0.0/16 propagated active ${av}`, `10.211.0.0/16 propagated active ${aw}`, `192.168.0.0/16 static active ${av}`]);
    expect((await awsError(c.send(new DeleteTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '10.211.0.0/16' })))).code).toBe('InvalidRoute.NotFound');
  });

  it('are searched with the type, state and route-search filters; Filters are required and MaxResults cuts a page with AdditionalRoutesAvailable', async () => {
    const g = await tgw();
    const v = await vpc(['a'], '10.220.0.0/16');
    const av = await attach(g.id, v);
    const rtb = g.rtb as string;
    for (const cidr of ['10.220.1.0/24', '10.0.0.0/8', '10.220.1.128/25']) {
      await c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: cidr, TransitGatewayAttachmentId: av }));
    }
    await c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '10.221.0.0/16', Blackhole: true }));
    const dests = async (filters: Filter[]): Promise<string[]> => (await search(rtb, filters)).map((r) => r.DestinationCidrBlock as string).sort();
    expect(await dests([{ Name: 'type', Values: ['propagated'] }])).toEqual(['10.220.0.0/16']);
    expect(await dests([{ Name: 'state', Values: ['blackhole'] }])).toEqual(['10.221.0.0/16']);
    expect(await dests([{ Name: 'route-search.exact-match', Values: ['10.220.1.0/24'] }])).toEqual(['10.220.1.0/24']);
    expect(await dests([{ Name: 'route-search.longest-prefix-match', Values: ['10.220.1.200/32'] }])).toEqual(['10.220.1.128/25']);
    expect(await dests([{ Name: 'route-search.longest-prefix-match', Values: ['10.220.9.0/24'] }])).toEqual(['10.220.0.0/16']);
    expect(await dests([{ Name: 'route-search.subnet-of-match', Values: ['10.220.0.0/16'] }])).toEqual(['10.220.0.0/16', '10.220.1.0/24', '10.220.1.128/25']);
    expect(await dests([{ Name: 'route-search.supernet-of-match', Values: ['10.220.1.0/24'] }])).toEqual(['10.0.0.0/8', '10.220.0.0/16', '10.220.1.0/24']);
    expect(await dests([{ Name: 'route-search.supernet-of-match', Values: ['10.221.0.0/24'] }, { Name: 'state', Values: ['active'] }])).toEqual(['10.0.0.0/8']);
    expect(await dests([{ Name: 'attachment.resource-id', Values: [v.vpc] }, { Name: 'type', Values: ['static'] }])).toEqual(['10.0.0.0/8', '10.220.1.0/24', '10.220.1.128/25']);
    expect((await awsError(c.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [] })))).code).toBe('MissingParameter');
    expect((await awsError(search(rtb, [{ Name: 'route-search.exact-match', Values: ['nonsense'] }]))).code).toBe('InvalidParameterValue');
    const cut = await c.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'state', Values: ['active', 'blackhole'] }], MaxResults: 5 }));
    expect(cut).toMatchObject({ AdditionalRoutesAvailable: false });
    expect(cut.Routes).toHaveLength(5);
  });

  it('lose an attachment\'s propagated routes when it is deleted, and static routes to it turn blackhole', async () => {
    const g = await tgw();
    const v = await vpc(['a'], '10.230.0.0/16');
    const w = await vpc(['a'], '10.231.0.0/16');
    const av = await attach(g.id, v);
    const aw = await attach(g.id, w);
    const rtb = g.rtb as string;
    await c.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '172.20.0.0/16', TransitGatewayAttachmentId: aw }));
    await c.send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: aw }));
    expect(brief(await all(rtb))).toEqual([`10.230.0.0/16 propagated active ${av}`, `172.20.0.0/16 static blackhole ${aw}`]);
    expect((await c.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: rtb }))).Associations?.map((a) => a.TransitGatewayAttachmentId)).toEqual([av]);
    expect((await c.send(new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: rtb }))).TransitGatewayRouteTablePropagations?.map((p) => p.TransitGatewayAttachmentId)).toEqual([av]);
    const gone = (await c.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [aw] }))).TransitGatewayAttachments?.[0];
    expect(gone).toMatchObject({ State: 'deleted' });
    expect(gone?.Association).toBeUndefined();
  });
});

describe('VPC routes to a transit gateway', () => {
  it('need a gateway that exists (InvalidTransitGatewayID.NotFound) and go blackhole when it is deleted', async () => {
    const g = await tgw();
    const v = await vpc();
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: v.vpc }))).RouteTable?.RouteTableId as string;
    const missing = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: 'tgw-0123456789abcdef0' })));
    expect(missing).toMatchObject({ code: 'InvalidTransitGatewayID.NotFound', message: "The transitGateway ID 'tgw-0123456789abcdef0' does not exist" });
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: g.id }));
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: g.id }));
    const replaced = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-0123456789abcdef0' })));
    expect(replaced.code).toBe('InvalidTransitGatewayID.NotFound');
    const route = async (): Promise<unknown> =>
      (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '10.0.0.0/8');
    expect(await route()).toMatchObject({ TransitGatewayId: g.id, State: 'active', Origin: 'CreateRoute' });
    await c.send(new DeleteTransitGatewayCommand({ TransitGatewayId: g.id }));
    expect(await route()).toMatchObject({ TransitGatewayId: g.id, State: 'blackhole' });
    now += 3 * HOUR;
    expect(await route()).toMatchObject({ TransitGatewayId: g.id, State: 'blackhole' });
  });
});
