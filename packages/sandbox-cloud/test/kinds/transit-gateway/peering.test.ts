/** Transit gateway peering attachments through the real AWS SDK, across accounts and regions:
 * the request waits in pendingAcceptance, is accepted or rejected only by the accepter's account
 * in the accepter's region, is listed on both sides (also by DescribeTransitGatewayAttachments as
 * ResourceType peering), carries only static routes, and leaves them blackholes when deleted;
 * Describe filters and pages. */
import {
  AcceptTransitGatewayPeeringAttachmentCommand,
  AssociateTransitGatewayRouteTableCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayPeeringAttachmentCommand,
  CreateTransitGatewayRouteCommand,
  DeleteTransitGatewayCommand,
  DeleteTransitGatewayPeeringAttachmentCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  RejectTransitGatewayPeeringAttachmentCommand,
  SearchTransitGatewayRoutesCommand,
  paginateDescribeTransitGatewayPeeringAttachments,
  type EC2Client,
  type TransitGatewayPeeringAttachment,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const A = '111111111111';
const B = '222222222222';
let sb: SandboxHandle;
let aUse1: EC2Client;
let aEuw1: EC2Client;
let bUse1: EC2Client;
let bEuw1: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({
    scenario: { name: 'tgw-peering-tests', accounts: [{ id: A, profile: 'alpha' }, { id: B, profile: 'beta' }] },
    clock: () => Date.parse('2026-03-01T12:00:00Z'),
  });
  aUse1 = ec2(sb, 'alpha');
  aEuw1 = ec2(sb, 'alpha', 'eu-west-1');
  bUse1 = ec2(sb, 'beta');
  bEuw1 = ec2(sb, 'beta', 'eu-west-1');
});
afterAll(async () => sb.stop());

const tgw = async (client: EC2Client): Promise<{ id: string; rtb: string }> => {
  const g = (await client.send(new CreateTransitGatewayCommand({}))).TransitGateway;
  return { id: g?.TransitGatewayId as string, rtb: g?.Options?.AssociationDefaultRouteTableId as string };
};
/** A peering from A's gateway in us-east-1 to B's in eu-west-1. */
const peer = async (from: string, to: string): Promise<TransitGatewayPeeringAttachment> =>
  (await aUse1.send(new CreateTransitGatewayPeeringAttachmentCommand({ TransitGatewayId: from, PeerTransitGatewayId: to, PeerAccountId: B, PeerRegion: 'eu-west-1' })))
    .TransitGatewayPeeringAttachment as TransitGatewayPeeringAttachment;
const describeOne = async (client: EC2Client, id: string): Promise<TransitGatewayPeeringAttachment | undefined> =>
  (await client.send(new DescribeTransitGatewayPeeringAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }))).TransitGatewayPeeringAttachments?.[0];
const routes = async (client: EC2Client, rtb: string): Promise<string[]> =>
  ((await client.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'type', Values: ['static'] }] }))).Routes ?? []).map(
    (r) => `${r.DestinationCidrBlock} ${r.State} ${r.TransitGatewayAttachments?.map((x) => `${x.ResourceType}:${x.ResourceId}`).join(',') ?? '-'}`,
  );

describe('a transit gateway peering attachment', () => {
  it('waits in pendingAcceptance on both sides and is accepted only by the accepter account in its region', async () => {
    const ga = await tgw(aUse1);
    const gb = await tgw(bEuw1);
    const made = await peer(ga.id, gb.id);
    expect(made).toMatchObject({
      TransitGatewayAttachmentId: expect.stringMatching(/^tgw-attach-[0-9a-f]{17}$/),
      RequesterTgwInfo: { TransitGatewayId: ga.id, OwnerId: A, Region: 'us-east-1' },
      AccepterTgwInfo: { TransitGatewayId: gb.id, OwnerId: B, Region: 'eu-west-1' },
      State: 'initiatingRequest',
    });
    const id = made.TransitGatewayAttachmentId as string;
    expect(await describeOne(aUse1, id)).toMatchObject({ State: 'pendingAcceptance', Status: { Code: 'pendingAcceptance' } });
    expect(await describeOne(bEuw1, id)).toMatchObject({ State: 'pendingAcceptance', AccepterTgwInfo: { TransitGatewayId: gb.id } });

    const byRequester = await awsError(aUse1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })));
    expect(byRequester).toMatchObject({ code: 'InvalidParameterValue' });
    expect(byRequester.message).toContain(`account ${B} in region eu-west-1`);
    for (const elsewhere of [bUse1, aEuw1]) {
      const e = await awsError(elsewhere.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })));
      expect(e.code).toBe('InvalidTransitGatewayAttachmentID.NotFound');
    }
    const missingPeer = await awsError(
      aUse1.send(new CreateTransitGatewayPeeringAttachmentCommand({ TransitGatewayId: ga.id, PeerTransitGatewayId: gb.id, PeerAccountId: B, PeerRegion: 'us-west-2' })),
    );
    expect(missingPeer.code).toBe('InvalidTransitGatewayID.NotFound');

    const accepted = (await bEuw1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id }))).TransitGatewayPeeringAttachment;
    expect(accepted?.State).toBe('pending');
    expect(await describeOne(aUse1, id)).toMatchObject({ State: 'available' });
    const again = await awsError(bEuw1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })));
    expect(again.code).toBe('IncorrectState');

    const seenByA = (await aUse1.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'resource-type', Values: ['peering'] }] }))).TransitGatewayAttachments;
    expect(seenByA?.filter((x) => x.TransitGatewayAttachmentId === id)).toEqual([
      expect.objectContaining({ TransitGatewayId: ga.id, TransitGatewayOwnerId: A, ResourceType: 'peering', ResourceId: gb.id, ResourceOwnerId: B, State: 'available' }),
    ]);
    const seenByB = (await bEuw1.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }))).TransitGatewayAttachments;
    expect(seenByB).toEqual([expect.objectContaining({ TransitGatewayId: gb.id, TransitGatewayOwnerId: B, ResourceType: 'peering', ResourceId: ga.id, ResourceOwnerId: A })]);
    const deleteGateway = await awsError(bEuw1.send(new DeleteTransitGatewayCommand({ TransitGatewayId: gb.id })));
    expect(deleteGateway).toMatchObject({ code: 'IncorrectState' });
    expect(deleteGateway.message).toContain(id);
  });

  it('once rejected by the accepter is rejected and can no longer be accepted', async () => {
    const id = (await peer((await tgw(aUse1)).id, (await tgw(bEuw1)).id)).TransitGatewayAttachmentId as string;
    const byRequester = await awsError(aUse1.send(new RejectTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })));
    expect(byRequester.code).toBe('InvalidParameterValue');
    await bEuw1.send(new RejectTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id }));
    expect(await describeOne(aUse1, id)).toMatchObject({ State: 'rejected' });
    expect(await describeOne(bEuw1, id)).toMatchObject({ State: 'rejected' });
    const accept = await awsError(bEuw1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })));
    expect(accept.code).toBe('InvalidTransitGatewayAttachmentID.NotFound');
  });

  it('carries only static routes, usable once available on both sides, which become blackholes when it is deleted', async () => {
    const ga = await tgw(aUse1);
    const gb = await tgw(bEuw1);
    const id = (await peer(ga.id, gb.id)).TransitGatewayAttachmentId as string;
    const early = await awsError(aUse1.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: ga.rtb, DestinationCidrBlock: '10.20.0.0/16', TransitGatewayAttachmentId: id })));
    expect(early).toMatchObject({ code: 'IncorrectState' });
    expect(early.message).toContain('pendingAcceptance');
    await bEuw1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id }));

    for (const [client, rtb] of [[aUse1, ga.rtb], [bEuw1, gb.rtb]] as const) {
      const prop = await awsError(client.send(new EnableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: rtb, TransitGatewayAttachmentId: id })));
      expect(prop.code).toBe('InvalidParameterValue');
      expect(prop.message).toContain('only static routes');
      const assoc = (await client.send(new AssociateTransitGatewayRouteTableCommand({ TransitGatewayRouteTableId: rtb, TransitGatewayAttachmentId: id }))).Association;
      expect(assoc).toMatchObject({ TransitGatewayRouteTableId: rtb, ResourceType: 'peering', State: 'associating' });
    }
    await aUse1.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: ga.rtb, DestinationCidrBlock: '10.20.0.0/16', TransitGatewayAttachmentId: id }));
    await bEuw1.send(new CreateTransitGatewayRouteCommand({ TransitGatewayRouteTableId: gb.rtb, DestinationCidrBlock: '10.10.0.0/16', TransitGatewayAttachmentId: id }));
    expect(await routes(aUse1, ga.rtb)).toEqual([`10.20.0.0/16 active peering:${gb.id}`]);
    expect(await routes(bEuw1, gb.rtb)).toEqual([`10.10.0.0/16 active peering:${ga.id}`]);
    expect((await aUse1.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }))).TransitGatewayAttachments?.[0]?.Association).toEqual({
      TransitGatewayRouteTableId: ga.rtb,
      State: 'associated',
    });

    const deleted = (await bEuw1.send(new DeleteTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id }))).TransitGatewayPeeringAttachment;
    expect(deleted?.State).toBe('deleting');
    expect(await routes(aUse1, ga.rtb)).toEqual([`10.20.0.0/16 blackhole peering:${gb.id}`]);
    expect(await routes(bEuw1, gb.rtb)).toEqual([`10.10.0.0/16 blackhole peering:${ga.id}`]);
    await bEuw1.send(new DeleteTransitGatewayCommand({ TransitGatewayId: gb.id }));
  });
});

describe('DescribeTransitGatewayPeeringAttachments', () => {
  it('filters by gateway, owner and state and pages with NextToken', async () => {
    const ga = await tgw(aUse1);
    const targets = [];
    for (let i = 0; i < 6; i++) targets.push((await tgw(bEuw1)).id);
    const ids: string[] = [];
    for (const t of targets) ids.push((await peer(ga.id, t)).TransitGatewayAttachmentId as string);
    await bEuw1.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: ids[0] }));

    const mine = [{ Name: 'transit-gateway-id', Values: [ga.id] }];
    const pages: string[][] = [];
    for await (const p of paginateDescribeTransitGatewayPeeringAttachments({ client: aUse1, pageSize: 5 }, { Filters: mine })) {
      pages.push((p.TransitGatewayPeeringAttachments ?? []).map((x) => x.TransitGatewayAttachmentId as string));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());

    const pending = await aUse1.send(new DescribeTransitGatewayPeeringAttachmentsCommand({ Filters: [...mine, { Name: 'state', Values: ['pendingAcceptance'] }] }));
    expect(pending.TransitGatewayPeeringAttachments?.map((x) => x.TransitGatewayAttachmentId).sort()).toEqual(ids.slice(1).sort());
    const remote = await bEuw1.send(
      new DescribeTransitGatewayPeeringAttachmentsCommand({ Filters: [{ Name: 'remote-owner-id', Values: [A] }, { Name: 'transit-gateway-id', Values: [targets[2] as string] }] }),
    );
    expect(remote.TransitGatewayPeeringAttachments?.map((x) => x.TransitGatewayAttachmentId)).toEqual([ids[2]]);
    const unknown = await awsError(aUse1.send(new DescribeTransitGatewayPeeringAttachmentsCommand({ TransitGatewayAttachmentIds: ['tgw-attach-0123456789abcdef0'] })));
    expect(unknown.code).toBe('InvalidTransitGatewayAttachmentID.NotFound');
  });
});
