/** A transit gateway shared through AWS RAM, through the real AWS SDK (client-ram and client-ec2):
 * the share invites the other account, which sees the gateway once it accepts; its VPC
 * attachment waits in pendingAcceptance for the gateway's owner (unless the gateway auto-accepts)
 * and is accepted or rejected only by the owner; both accounts see one attachment; the consumer
 * never sees the owner's route tables; unsharing leaves existing attachments alone. */
import {
  AcceptTransitGatewayVpcAttachmentCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  RejectTransitGatewayVpcAttachmentCommand,
  SearchTransitGatewayRoutesCommand,
  type EC2Client,
  type TransitGateway,
} from '@aws-sdk/client-ec2';
import {
  AcceptResourceShareInvitationCommand,
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  DisassociateResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListResourcesCommand,
  RejectResourceShareInvitationCommand,
  paginateGetResourceShares,
  type RAMClient,
} from '@aws-sdk/client-ram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2, ram } from '../../clients';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const THIRD = '333333333333';
let sb: SandboxHandle;
let owner: { ec2: EC2Client; ram: RAMClient };
let consumer: { ec2: EC2Client; ram: RAMClient };
let third: { ec2: EC2Client; ram: RAMClient };
let cidrs = 0;

beforeAll(async () => {
  sb = await startSandbox({
    scenario: { name: 'tgw-sharing-tests', accounts: [{ id: OWNER, profile: 'owner' }, { id: CONSUMER, profile: 'consumer' }, { id: THIRD, profile: 'third' }] },
    clock: () => Date.parse('2026-03-01T12:00:00Z'),
  });
  owner = { ec2: ec2(sb, 'owner'), ram: ram(sb, 'owner') };
  consumer = { ec2: ec2(sb, 'consumer'), ram: ram(sb, 'consumer') };
  third = { ec2: ec2(sb, 'third'), ram: ram(sb, 'third') };
});
afterAll(async () => sb.stop());

const gateway = async (options: Record<string, string> = {}): Promise<TransitGateway> =>
  (await owner.ec2.send(new CreateTransitGatewayCommand({ Options: options }))).TransitGateway as TransitGateway;

/** A VPC with one subnet in us-east-1a: a fresh 10.N.0.0/16. */
const vpcOf = async (client: EC2Client): Promise<{ vpc: string; subnet: string; cidr: string }> => {
  const cidr = `10.${++cidrs}.0.0/16`;
  const vpc = (await client.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
  const subnet = (await client.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr.replace('.0.0/16', '.1.0/24'), AvailabilityZone: 'us-east-1a' }))).Subnet
    ?.SubnetId as string;
  return { vpc, subnet, cidr };
};

const attach = async (client: EC2Client, tgw: string): Promise<{ id: string; state: string | undefined; cidr: string; vpc: string }> => {
  const v = await vpcOf(client);
  const a = (await client.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgw, VpcId: v.vpc, SubnetIds: [v.subnet] }))).TransitGatewayVpcAttachment;
  return { id: a?.TransitGatewayAttachmentId as string, state: a?.State, cidr: v.cidr, vpc: v.vpc };
};

const seenGateways = async (client: EC2Client): Promise<string[]> =>
  ((await client.send(new DescribeTransitGatewaysCommand({}))).TransitGateways ?? []).map((g) => `${g.TransitGatewayId} ${g.OwnerId}`);

const attachmentSeenBy = async (client: EC2Client, id: string) =>
  (await client.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }))).TransitGatewayAttachments?.[0];

const propagated = async (rtb: string): Promise<string[]> =>
  ((await owner.ec2.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'type', Values: ['propagated'] }] }))).Routes ?? [])
    .map((r) => `${r.DestinationCidrBlock} ${r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId ?? '-'}`)
    .sort();

/** Shares `g` with the consumer and lets it accept; returns the share's ARN. */
const shareWithConsumer = async (g: TransitGateway): Promise<string> => {
  const share = (await owner.ram.send(new CreateResourceShareCommand({ name: 'hub', resourceArns: [g.TransitGatewayArn as string], principals: [CONSUMER] }))).resourceShare;
  const invitations = (await consumer.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [share?.resourceShareArn as string] }))).resourceShareInvitations;
  await consumer.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitations?.[0]?.resourceShareInvitationArn }));
  return share?.resourceShareArn as string;
};

describe('a transit gateway shared through RAM', () => {
  it('is seen by the other account once it accepts the invitation, and its attachment waits for the owner to accept it', async () => {
    const g = await gateway();
    const rtb = g.Options?.AssociationDefaultRouteTableId as string;
    const own = await attach(owner.ec2, g.TransitGatewayId as string);
    expect(await seenGateways(consumer.ec2)).toEqual([]);
    const early = await awsError(attach(consumer.ec2, g.TransitGatewayId as string));
    expect(early.code).toBe('InvalidTransitGatewayID.NotFound');

    const share = (await owner.ram.send(new CreateResourceShareCommand({ name: 'hub', resourceArns: [g.TransitGatewayArn as string], principals: [CONSUMER] }))).resourceShare;
    expect(share).toMatchObject({ name: 'hub', owningAccountId: OWNER, allowExternalPrincipals: true, status: 'ACTIVE', featureSet: 'STANDARD' });
    expect(share?.resourceShareArn).toMatch(/^arn:aws:ram:us-east-1:111111111111:resource-share\/[0-9a-f-]{36}$/);
    expect(share?.creationTime).toEqual(new Date('2026-03-01T12:00:00Z'));
    const shareArn = share?.resourceShareArn as string;
    const principals = async () =>
      (await owner.ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [shareArn] }))).resourceShareAssociations;
    expect(await principals()).toEqual([expect.objectContaining({ associatedEntity: CONSUMER, associationType: 'PRINCIPAL', status: 'ASSOCIATING', external: true })]);
    const resources = (await owner.ram.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceShareArns: [shareArn] }))).resourceShareAssociations;
    expect(resources).toEqual([expect.objectContaining({ associatedEntity: g.TransitGatewayArn, status: 'ASSOCIATED' })]);

    const invitations = (await consumer.ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations ?? [];
    const invitation = invitations.find((i) => i.resourceShareArn === shareArn);
    expect(invitation).toMatchObject({ resourceShareName: 'hub', senderAccountId: OWNER, receiverAccountId: CONSUMER, status: 'PENDING' });
    expect((await third.ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations).toEqual([]);
    expect(await seenGateways(consumer.ec2)).toEqual([]);
    const byThird = await awsError(third.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn })));
    expect(byThird.code).toBe('ResourceShareInvitationArnNotFoundException');

    const accepted = await consumer.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn }));
    expect(accepted.resourceShareInvitation?.status).toBe('ACCEPTED');
    const twice = await awsError(consumer.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn })));
    expect(twice).toMatchObject({ code: 'ResourceShareInvitationAlreadyAcceptedException', status: 400 });
    expect(await principals()).toEqual([expect.objectContaining({ associatedEntity: CONSUMER, status: 'ASSOCIATED' })]);
    const sharedWithMe = (await consumer.ram.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resourceShares;
    expect(sharedWithMe?.map((s) => s.resourceShareArn)).toContain(shareArn);
    const listed = (await consumer.ram.send(new ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceType: 'ec2:TransitGateway' }))).resources;
    expect(listed?.find((r) => r.resourceShareArn === shareArn)).toMatchObject({ arn: g.TransitGatewayArn, type: 'ec2:TransitGateway', status: 'AVAILABLE' });
    expect(await seenGateways(consumer.ec2)).toEqual([`${g.TransitGatewayId} ${OWNER}`]);
    expect(await seenGateways(third.ec2)).toEqual([]);
    expect(await seenGateways(ec2(sb, 'consumer', 'eu-west-1'))).toEqual([]);

    const theirs = await attach(consumer.ec2, g.TransitGatewayId as string);
    expect(theirs.state).toBe('pendingAcceptance');
    const table = (await consumer.ec2.send(new CreateRouteTableCommand({ VpcId: theirs.vpc }))).RouteTable?.RouteTableId as string;
    await consumer.ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: g.TransitGatewayId }));
    const strangerTable = (await third.ec2.send(new CreateRouteTableCommand({ VpcId: (await vpcOf(third.ec2)).vpc }))).RouteTable?.RouteTableId as string;
    const strangerRoute = await awsError(
      third.ec2.send(new CreateRouteCommand({ RouteTableId: strangerTable, DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: g.TransitGatewayId })),
    );
    expect(strangerRoute.code).toBe('InvalidTransitGatewayID.NotFound');
    for (const [client, viewer] of [
      [owner.ec2, 'owner'],
      [consumer.ec2, 'consumer'],
    ] as const) {
      expect(await attachmentSeenBy(client, theirs.id), viewer).toMatchObject({
        TransitGatewayId: g.TransitGatewayId,
        TransitGatewayOwnerId: OWNER,
        ResourceOwnerId: CONSUMER,
        ResourceType: 'vpc',
        State: 'pendingAcceptance',
      });
      const vpcView = (await client.send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [theirs.id] }))).TransitGatewayVpcAttachments?.[0];
      expect(vpcView, viewer).toMatchObject({ VpcOwnerId: CONSUMER, State: 'pendingAcceptance' });
    }
    expect((await attachmentSeenBy(owner.ec2, theirs.id))?.Association).toBeUndefined();
    expect(await propagated(rtb)).toEqual([`${own.cidr} ${own.id}`]);

    const byConsumer = await awsError(consumer.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(byConsumer.code).toBe('InvalidParameterValue');
    expect(byConsumer.message).toContain(`transit gateway owner, account ${OWNER}`);
    const byStranger = await awsError(third.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(byStranger.code).toBe('InvalidTransitGatewayAttachmentID.NotFound');

    const ok = (await owner.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id }))).TransitGatewayVpcAttachment;
    expect(ok).toMatchObject({ TransitGatewayAttachmentId: theirs.id, VpcOwnerId: CONSUMER, State: 'pending' });
    expect(await attachmentSeenBy(consumer.ec2, theirs.id)).toMatchObject({ State: 'available', Association: { TransitGatewayRouteTableId: rtb, State: 'associated' } });
    expect(await propagated(rtb)).toEqual([`${own.cidr} ${own.id}`, `${theirs.cidr} ${theirs.id}`].sort());
    const again = await awsError(owner.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(again.code).toBe('IncorrectState');
  });

  it('keeps its route tables from the consumer', async () => {
    const g = await gateway();
    const rtb = g.Options?.AssociationDefaultRouteTableId as string;
    await shareWithConsumer(g);
    expect((await consumer.ec2.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [g.TransitGatewayId as string] }))).TransitGateways?.[0]).toMatchObject({
      OwnerId: OWNER,
      Options: { AssociationDefaultRouteTableId: rtb },
    });
    expect((await consumer.ec2.send(new DescribeTransitGatewayRouteTablesCommand({}))).TransitGatewayRouteTables).toEqual([]);
    const listed = await awsError(consumer.ec2.send(new DescribeTransitGatewayRouteTablesCommand({ TransitGatewayRouteTableIds: [rtb] })));
    expect(listed.code).toBe('InvalidRouteTableID.NotFound');
    const associations = await awsError(consumer.ec2.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: rtb })));
    expect(associations.code).toBe('InvalidRouteTableID.NotFound');
    const search = await awsError(
      consumer.ec2.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'type', Values: ['static', 'propagated'] }] })),
    );
    expect(search.code).toBe('InvalidRouteTableID.NotFound');
  });

  it('lets the owner reject an attachment, which ends rejected without routes', async () => {
    const g = await gateway();
    await shareWithConsumer(g);
    const theirs = await attach(consumer.ec2, g.TransitGatewayId as string);
    const byConsumer = await awsError(consumer.ec2.send(new RejectTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(byConsumer.code).toBe('InvalidParameterValue');
    const rejected = (await owner.ec2.send(new RejectTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id }))).TransitGatewayVpcAttachment;
    expect(rejected?.State).toBe('rejecting');
    for (const client of [owner.ec2, consumer.ec2]) expect(await attachmentSeenBy(client, theirs.id)).toMatchObject({ State: 'rejected' });
    expect(await propagated(g.Options?.PropagationDefaultRouteTableId as string)).toEqual([]);
    const late = await awsError(owner.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(late.code).toBe('InvalidTransitGatewayAttachmentID.NotFound');
  });

  it('takes attachments at once when the gateway auto-accepts shared attachments', async () => {
    const g = await gateway({ AutoAcceptSharedAttachments: 'enable' });
    await shareWithConsumer(g);
    const theirs = await attach(consumer.ec2, g.TransitGatewayId as string);
    expect(theirs.state).toBe('pending');
    expect(await attachmentSeenBy(owner.ec2, theirs.id)).toMatchObject({
      State: 'available',
      ResourceOwnerId: CONSUMER,
      Association: { TransitGatewayRouteTableId: g.Options?.AssociationDefaultRouteTableId },
    });
    expect(await propagated(g.Options?.PropagationDefaultRouteTableId as string)).toEqual([`${theirs.cidr} ${theirs.id}`]);
    const accept = await awsError(owner.ec2.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: theirs.id })));
    expect(accept.code).toBe('IncorrectState');
  });

  it('once unshared is no longer seen by the consumer, whose existing attachment stays', async () => {
    const g = await gateway({ AutoAcceptSharedAttachments: 'enable' });
    const shareArn = await shareWithConsumer(g);
    const theirs = await attach(consumer.ec2, g.TransitGatewayId as string);
    const gone = (await owner.ram.send(new DisassociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }))).resourceShareAssociations;
    expect(gone).toEqual([expect.objectContaining({ associatedEntity: CONSUMER, status: 'DISASSOCIATING' })]);
    expect(await seenGateways(consumer.ec2)).not.toContain(`${g.TransitGatewayId} ${OWNER}`);
    for (const client of [owner.ec2, consumer.ec2]) expect(await attachmentSeenBy(client, theirs.id)).toMatchObject({ State: 'available' });
    expect((await awsError(attach(consumer.ec2, g.TransitGatewayId as string))).code).toBe('InvalidTransitGatewayID.NotFound');

    // Shared again, then the share is deleted: the gateway disappears from the consumer's view again.
    await owner.ram.send(new AssociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    const invitation = (await consumer.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }))).resourceShareInvitations?.find(
      (i) => i.status === 'PENDING',
    );
    await consumer.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn }));
    expect(await seenGateways(consumer.ec2)).toContain(`${g.TransitGatewayId} ${OWNER}`);
    expect((await owner.ram.send(new DeleteResourceShareCommand({ resourceShareArn: shareArn }))).returnValue).toBe(true);
    expect(await seenGateways(consumer.ec2)).not.toContain(`${g.TransitGatewayId} ${OWNER}`);
    const listed = (await owner.ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [shareArn] }))).resourceShares;
    expect(listed).toEqual([expect.objectContaining({ status: 'DELETED' })]);
    const twice = await awsError(owner.ram.send(new DeleteResourceShareCommand({ resourceShareArn: shareArn })));
    expect(twice.code).toBe('UnknownResourceException');
  });
});

describe('RAM refuses', () => {
  it("another account's gateway, malformed ARNs and principals, and external principals a share does not allow", async () => {
    const g = await gateway();
    const foreign = await awsError(third.ram.send(new CreateResourceShareCommand({ name: 'not mine', resourceArns: [g.TransitGatewayArn as string] })));
    expect(foreign).toMatchObject({ code: 'UnknownResourceException', status: 400 });
    expect(foreign.message).toContain(g.TransitGatewayArn);
    const malformed = await awsError(owner.ram.send(new CreateResourceShareCommand({ name: 'x', resourceArns: ['tgw-0123'] })));
    expect(malformed.code).toBe('MalformedArnException');
    const principal = await awsError(owner.ram.send(new CreateResourceShareCommand({ name: 'x', principals: ['12345'] })));
    expect(principal.code).toBe('InvalidParameterException');
    const internal = await awsError(
      owner.ram.send(new CreateResourceShareCommand({ name: 'x', resourceArns: [g.TransitGatewayArn as string], principals: [CONSUMER], allowExternalPrincipals: false })),
    );
    expect(internal.code).toBe('OperationNotPermittedException');
    const owners = await awsError(owner.ram.send(new GetResourceSharesCommand({ resourceOwner: 'EVERYONE' as 'SELF' })));
    expect(owners.code).toBe('InvalidParameterException');
  });

  it('lets the invited account reject the invitation, leaving the gateway unseen', async () => {
    const g = await gateway();
    const share = (await owner.ram.send(new CreateResourceShareCommand({ name: 'declined', resourceArns: [g.TransitGatewayArn as string], principals: [THIRD] }))).resourceShare;
    const invitation = (await third.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [share?.resourceShareArn as string] }))).resourceShareInvitations?.[0];
    const rejected = await third.ram.send(new RejectResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn }));
    expect(rejected.resourceShareInvitation?.status).toBe('REJECTED');
    const accept = await awsError(third.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation?.resourceShareInvitationArn })));
    expect(accept.code).toBe('ResourceShareInvitationAlreadyRejectedException');
    expect(await seenGateways(third.ec2)).toEqual([]);
    const associations = (
      await owner.ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [share?.resourceShareArn as string] }))
    ).resourceShareAssociations;
    expect(associations).toEqual([expect.objectContaining({ associatedEntity: THIRD, status: 'FAILED' })]);
  });

  it('pages GetResourceShares with maxResults and nextToken', async () => {
    for (let i = 0; i < 3; i++) await third.ram.send(new CreateResourceShareCommand({ name: `page-${i}` }));
    const first = await third.ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 2 }));
    expect(first.resourceShares).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateGetResourceShares({ client: third.ram, pageSize: 1 }, { resourceOwner: 'SELF' })) {
      names.push(...(page.resourceShares ?? []).map((s) => s.name as string));
    }
    expect(names.filter((n) => n.startsWith('page-')).sort()).toEqual(['page-0', 'page-1', 'page-2']);
    const bad = await awsError(third.ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', nextToken: 'nope' })));
    expect(bad.code).toBe('InvalidNextTokenException');
  });
});
