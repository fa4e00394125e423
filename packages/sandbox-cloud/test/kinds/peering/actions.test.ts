/** VPC peering lifecycle through the real AWS SDK: every status, who may do what, failed requests,
 * peering options and VPC deletion, Describe filters, pages and tags, and DryRun ("VPC peering
 * connection lifecycle", VPC peering guide; API reference of each action). Set up in sandbox.ts. */
import {
  AcceptVpcPeeringConnectionCommand,
  AssociateVpcCidrBlockCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteVpcCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeVpcPeeringConnectionsCommand,
  ModifyVpcAttributeCommand,
  ModifyVpcPeeringConnectionOptionsCommand,
  RejectVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { A, B, C, DAY, HOUR, START, aEuw1, aUse1, bEuw1, bUse1, cUse1, request, seen, usePeeringSandbox, vpc } from './sandbox';

let now = START;
usePeeringSandbox(() => now);

describe('a peering request in one account and region', () => {
  it('answers initiating-request, then is pending acceptance with a 7-day expiry', async () => {
    const [x, y] = [await vpc(aUse1), await vpc(aUse1)];
    const created = await request(aUse1, x, y);
    expect(created.VpcPeeringConnectionId).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(created.Status).toEqual({ Code: 'initiating-request', Message: `Initiating Request to ${A}` });
    expect(created.ExpirationTime?.getTime()).toBe(now + 7 * DAY);
    expect(created.RequesterVpcInfo).toMatchObject({ OwnerId: A, VpcId: x, Region: 'us-east-1' });
    expect(created.AccepterVpcInfo).toEqual({ OwnerId: A, VpcId: y, Region: 'us-east-1' });
    const p = await seen(aUse1, created.VpcPeeringConnectionId as string);
    expect(p?.Status).toEqual({ Code: 'pending-acceptance', Message: `Pending Acceptance by ${A}` });
  });

  it('becomes active on accept, answering provisioning first, with both sides CIDRs and options', async () => {
    const [x, y] = [await vpc(aUse1), await vpc(aUse1)];
    const id = (await request(aUse1, x, y)).VpcPeeringConnectionId as string;
    const accepted = await aUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(accepted.VpcPeeringConnection?.Status?.Code).toBe('provisioning');
    const p = await seen(aUse1, id);
    expect(p?.Status).toEqual({ Code: 'active', Message: 'Active' });
    expect(p?.ExpirationTime).toBeUndefined();
    expect(p?.AccepterVpcInfo?.CidrBlockSet?.length).toBe(1);
    expect(p?.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(false);
  });
});

describe('who may do what', () => {
  it('shows a cross-account request to both owners and lets only the accepter accept', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    expect((await seen(bUse1, id))?.Status?.Code).toBe('pending-acceptance');
    const byRequester = await awsError(aUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
    expect(byRequester.code).toBe('OperationNotPermitted');
    const byStranger = await awsError(cUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
    expect(byStranger.code).toBe('InvalidVpcPeeringConnectionID.NotFound');
    expect(byStranger.status).toBe(400);
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect((await seen(aUse1, id))?.Status?.Code).toBe('active');
    expect((await seen(bUse1, id))?.Status?.Code).toBe('active');
  });

  it('accepts a cross-region request only in the accepter VPC region', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(aEuw1);
    const id = (await request(aUse1, x, y, undefined, 'eu-west-1')).VpcPeeringConnectionId as string;
    const wrongRegion = await awsError(aUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })));
    expect(wrongRegion.code).toBe('OperationNotPermitted');
    expect(wrongRegion.message).toContain('must be accepted in region eu-west-1');
    await aEuw1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    const fromRequester = await seen(aUse1, id);
    expect(fromRequester?.Status?.Code).toBe('active');
    expect(fromRequester?.AccepterVpcInfo?.Region).toBe('eu-west-1');
  });

  it('runs a cross-account, cross-region lifecycle from both sides', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bEuw1);
    const id = (await request(aUse1, x, y, B, 'eu-west-1')).VpcPeeringConnectionId as string;
    // The accepter sees it only from its own region.
    expect(await seen(bUse1, id)).toBeUndefined();
    expect((await seen(bEuw1, id))?.Status?.Code).toBe('pending-acceptance');
    await bEuw1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect((await seen(aUse1, id))?.Status?.Code).toBe('active');
    await bEuw1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect((await seen(aUse1, id))?.Status).toEqual({ Code: 'deleted', Message: `Deleted by ${B}` });
  });

  it('lets only the accepter reject, and a rejected request can be neither accepted nor deleted', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    expect((await awsError(aUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('OperationNotPermitted');
    const rejected = await bUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(rejected.Return).toBe(true);
    expect((await seen(aUse1, id))?.Status).toEqual({ Code: 'rejected', Message: `Rejected by ${B}` });
    expect((await awsError(bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
    expect((await awsError(aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
  });

  it('lets the requester delete a pending request but not the accepter', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    expect((await awsError(bUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('OperationNotPermitted');
    expect((await aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }))).Return).toBe(true);
    expect((await seen(aUse1, id))?.Status?.Code).toBe('deleted');
    expect((await awsError(bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
  });

  it('lets either owner delete an active peering, once', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect((await awsError(bUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
    await bUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect((await awsError(aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
  });

  it('refuses a second peering between the same two VPCs, in either direction', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    await request(aUse1, x, y, B);
    expect((await awsError(request(aUse1, x, y, B))).code).toBe('VpcPeeringConnectionAlreadyExists');
    expect((await awsError(request(bUse1, y, x, A))).code).toBe('VpcPeeringConnectionAlreadyExists');
  });

  it('spells malformed and unknown ids as AWS does', async () => {
    const malformed = await awsError(aUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: 'pcx-nothex' })));
    expect(malformed.code).toBe('InvalidVpcPeeringConnectionId.Malformed');
    const unknown = await awsError(aUse1.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: ['pcx-0123456789abcdef0'] })));
    expect(unknown.code).toBe('InvalidVpcPeeringConnectionID.NotFound');
    const missing = await awsError(aUse1.send(new AcceptVpcPeeringConnectionCommand({} as never)));
    expect(missing.code).toBe('MissingParameter');
    const badVpc = await awsError(request(aUse1, 'vpc-zz', 'vpc-0123456789abcdef0'));
    expect(badVpc.code).toBe('InvalidVpcID.Malformed');
    const noPeer = await awsError(request(aUse1, await vpc(aUse1), 'vpc-0123456789abcdef0'));
    expect(noPeer.code).toBe('InvalidVpcID.NotFound');
  });
});

describe('failed requests', () => {
  it('fails when the primary CIDRs overlap, visible to the requester only, and cannot be deleted', async () => {
    const x = await vpc(aUse1, '10.60.0.0/16');
    const y = await vpc(bUse1, '10.60.128.0/17');
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    const p = await seen(aUse1, id);
    expect(p?.Status?.Code).toBe('failed');
    expect(p?.Status?.Message).toBe('Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range');
    expect(await seen(bUse1, id)).toBeUndefined();
    expect((await awsError(aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
  });

  it('fails when a secondary IPv4 block overlaps', async () => {
    const x = await vpc(aUse1, '10.61.0.0/16');
    const y = await vpc(bUse1, '10.62.0.0/16');
    await bUse1.send(new AssociateVpcCidrBlockCommand({ VpcId: y, CidrBlock: '10.61.64.0/18' }));
    expect((await seen(aUse1, (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string))?.Status?.Code).toBe('failed');
  });

  it('fails when IPv6 blocks overlap', async () => {
    const x = await vpc(aUse1, '10.63.0.0/16');
    const y = await vpc(bUse1, '10.64.0.0/16');
    for (const [c, v] of [
      [aUse1, x],
      [bUse1, y],
    ] as const) {
      await c.send(new AssociateVpcCidrBlockCommand({ VpcId: v, Ipv6CidrBlock: '2001:db8:1200::/56', Ipv6Pool: 'ipv6pool-ec2-0123456789abcdef0' }));
    }
    expect((await seen(aUse1, (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string))?.Status?.Code).toBe('failed');
  });

  it('fails (rather than erring) when the peer VPC of another account does not exist', async () => {
    const x = await vpc(aUse1);
    const p = await request(aUse1, x, 'vpc-0123456789abcdef0', B);
    expect((await seen(aUse1, p.VpcPeeringConnectionId as string))?.Status?.Code).toBe('failed');
  });

  it('disappears from the requester view two hours after failing', async () => {
    const x = await vpc(aUse1, '10.65.0.0/16');
    const y = await vpc(bUse1, '10.65.0.0/16');
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    now += 2 * HOUR - 1000;
    expect((await seen(aUse1, id))?.Status?.Code).toBe('failed');
    now += 2000;
    expect(await seen(aUse1, id)).toBeUndefined();
  });
});

describe('peering options and VPC deletion', () => {
  it('enables DNS resolution per side, by that side, only with DNS hostnames on', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    const dnsOn = { AllowDnsResolutionFromRemoteVpc: true };
    expect((await awsError(aUse1.send(new ModifyVpcPeeringConnectionOptionsCommand({ VpcPeeringConnectionId: id, RequesterPeeringConnectionOptions: dnsOn })))).code).toBe('OperationNotPermitted');
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    const noHostnames = await awsError(aUse1.send(new ModifyVpcPeeringConnectionOptionsCommand({ VpcPeeringConnectionId: id, RequesterPeeringConnectionOptions: dnsOn })));
    expect(noHostnames.code).toBe('InvalidVpcPeeringConnectionState.DnsHostnamesDisabled');
    await aUse1.send(new ModifyVpcAttributeCommand({ VpcId: x, EnableDnsHostnames: { Value: true } }));
    await bUse1.send(new ModifyVpcAttributeCommand({ VpcId: y, EnableDnsHostnames: { Value: true } }));
    const wrongSide = await awsError(aUse1.send(new ModifyVpcPeeringConnectionOptionsCommand({ VpcPeeringConnectionId: id, AccepterPeeringConnectionOptions: dnsOn })));
    expect(wrongSide.code).toBe('OperationNotPermitted');
    const out = await aUse1.send(new ModifyVpcPeeringConnectionOptionsCommand({ VpcPeeringConnectionId: id, RequesterPeeringConnectionOptions: dnsOn }));
    expect(out.RequesterPeeringConnectionOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
    const p = await seen(bUse1, id);
    expect(p?.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
    expect(p?.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(false);
  });

  it('deletes the active peerings of a deleted VPC, but not a VPC with a foreign pending request', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const active = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: active }));
    const z = await vpc(cUse1);
    await request(cUse1, z, y, B);
    const blocked = await awsError(bUse1.send(new DeleteVpcCommand({ VpcId: y })));
    expect(blocked.code).toBe('DependencyViolation');
    await aUse1.send(new DeleteVpcCommand({ VpcId: x }));
    expect((await seen(bUse1, active))?.Status?.Code).toBe('deleted');
  });
});

describe('describe filters, pagination and tags', () => {
  it('filters by status, sides and tags, and pages with MaxResults/NextToken', async () => {
    const hub = await vpc(cUse1);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const out = await cUse1.send(
        new CreateVpcPeeringConnectionCommand({
          VpcId: hub,
          PeerVpcId: await vpc(cUse1),
          TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Batch', Value: i % 2 === 0 ? 'even' : 'odd' }] }],
        }),
      );
      ids.push(out.VpcPeeringConnection?.VpcPeeringConnectionId as string);
    }
    await cUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: ids[0] }));
    const byHub = { Name: 'requester-vpc-info.vpc-id', Values: [hub] };
    const count = async (filters: { Name: string; Values: string[] }[]): Promise<number> =>
      (await cUse1.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [byHub, ...filters] }))).VpcPeeringConnections?.length ?? 0;
    expect(await count([])).toBe(7);
    expect(await count([{ Name: 'status-code', Values: ['active'] }])).toBe(1);
    expect(await count([{ Name: 'status-code', Values: ['active', 'pending-acceptance'] }])).toBe(7);
    expect(await count([{ Name: 'tag:Batch', Values: ['even'] }])).toBe(4);
    expect(await count([{ Name: 'tag-key', Values: ['Batch'] }])).toBe(7);
    expect(await count([{ Name: 'accepter-vpc-info.owner-id', Values: [C] }])).toBe(7);
    expect(await count([{ Name: 'status-message', Values: ['Pending Acceptance*'] }])).toBe(6);
    const first = await cUse1.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [byHub], MaxResults: 5 }));
    expect(first.VpcPeeringConnections).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const second = await cUse1.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [byHub], MaxResults: 5, NextToken: first.NextToken }));
    expect(second.VpcPeeringConnections).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const all = [...(first.VpcPeeringConnections ?? []), ...(second.VpcPeeringConnections ?? [])].map((p) => p.VpcPeeringConnectionId);
    expect(new Set(all)).toEqual(new Set(ids));
    expect((await awsError(cUse1.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })))).code).toBe(
      'InvalidParameterValue',
    );
  });

  it('keeps tags per account: the accepter does not see the requester tags', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const out = await aUse1.send(
      new CreateVpcPeeringConnectionCommand({
        VpcId: x,
        PeerVpcId: y,
        PeerOwnerId: B,
        TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: 'mine' }] }],
      }),
    );
    const id = out.VpcPeeringConnection?.VpcPeeringConnectionId as string;
    expect((await seen(aUse1, id))?.Tags).toEqual([{ Key: 'Name', Value: 'mine' }]);
    expect((await seen(bUse1, id))?.Tags).toEqual([]);
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation (412) on every peering call and changes nothing', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const dry = await awsError(aUse1.send(new CreateVpcPeeringConnectionCommand({ VpcId: x, PeerVpcId: y, PeerOwnerId: B, DryRun: true })));
    expect(dry).toMatchObject({ code: 'DryRunOperation', status: 412 });
    const before = (await aUse1.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'requester-vpc-info.vpc-id', Values: [x] }] })))
      .VpcPeeringConnections;
    expect(before).toEqual([]);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    for (const call of [
      () => bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id, DryRun: true })),
      () => bUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id, DryRun: true })),
      () => aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id, DryRun: true })),
      () => aUse1.send(new DescribeVpcPeeringConnectionsCommand({ DryRun: true })),
    ]) {
      expect((await awsError(call())).code).toBe('DryRunOperation');
    }
    expect((await seen(aUse1, id))?.Status?.Code).toBe('pending-acceptance');
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    const dryModify = await awsError(
      aUse1.send(new ModifyVpcPeeringConnectionOptionsCommand({ VpcPeeringConnectionId: id, RequesterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: false }, DryRun: true })),
    );
    expect(dryModify.code).toBe('DryRunOperation');
  });
});
