/** Transit gateways and their VPC attachments through the real AWS SDK: default route tables and
 * options, states over time, Describe filters and pages, one subnet per zone and one attachment per
 * VPC, default association and propagation, what an attachment holds, and VPC routes to a transit
 * gateway. Set up in sandbox.ts. */
import {
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateTagsCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  DeleteSubnetCommand,
  DeleteTransitGatewayCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DeleteVpcCommand,
  DescribeRouteTablesCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  ModifyTransitGatewayCommand,
  ModifyTransitGatewayVpcAttachmentCommand,
  ReplaceRouteCommand,
  paginateDescribeTransitGateways,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { HOUR, START, all, attach, brief, c, sb, tgw, useTransitGatewaySandbox, vpc } from './sandbox';

let now = START;
useTransitGatewaySandbox(() => now);

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
