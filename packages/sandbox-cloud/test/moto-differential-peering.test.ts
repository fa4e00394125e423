/** Differential tests, the sandbox against moto 5.2.1 as moto-ec2.ts starts them, of VPC peering:
 * same-account, cross-account and cross-region lifecycles, rejection, and where moto departs from AWS
 * (overlapping CIDRs, unknown ids, routes to a deleted peering). */
import {
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteRouteCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DescribeVpcPeeringConnectionsCommand,
  RejectVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { expect, it } from 'vitest';

import { describeWithVpcs, idOf, normalisePeering } from './moto-ec2';
import { A, B, both, code } from './moto-targets';

describeWithVpcs('sandbox and moto agree on VPC peering', (targets) => {
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
});
