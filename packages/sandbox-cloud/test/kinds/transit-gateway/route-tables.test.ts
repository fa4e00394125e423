/** Transit gateway route tables through the real AWS SDK: one association per attachment, propagated
 * routes (and the overlap rule, IPv6 blocks), static and blackhole routes, the route-search filters,
 * and what deleting an attachment does to routes. Set up in sandbox.ts. */
import {
  AssociateTransitGatewayRouteTableCommand,
  AssociateVpcCidrBlockCommand,
  CreateTransitGatewayRouteCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  DeleteTransitGatewayRouteCommand,
  DeleteTransitGatewayRouteTableCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DisableTransitGatewayRouteTablePropagationCommand,
  DisassociateTransitGatewayRouteTableCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  GetTransitGatewayAttachmentPropagationsCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  ModifyTransitGatewayVpcAttachmentCommand,
  ReplaceTransitGatewayRouteCommand,
  SearchTransitGatewayRoutesCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { START, all, attach, brief, c, search, tgw, useTransitGatewaySandbox, vpc } from './sandbox';

useTransitGatewaySandbox(() => START);

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
