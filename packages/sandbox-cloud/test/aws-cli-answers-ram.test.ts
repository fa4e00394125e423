/** A transit gateway shared through AWS RAM, driven by Debian's AWS CLI 2.9 (/usr/bin/aws), whose
 * botocore parses RAM's REST-JSON answers and errors on its own: create-resource-share,
 * get-resource-share-invitations and accept-resource-share-invitation in RAM, then
 * accept-transit-gateway-vpc-attachment in EC2, and the errors in AWS's words. */
import { CreateSubnetCommand, CreateTransitGatewayCommand, CreateTransitGatewayVpcAttachmentCommand, CreateVpcCommand, DescribeTransitGatewaysCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { awsCliFor, withoutAwsCli } from './aws-cli';
import { ec2 } from './clients';

const OWNER = '111111111111';
const CONSUMER = '222222222222';

let sb: SandboxHandle;
let aws: Awaited<ReturnType<typeof awsCliFor>>;

beforeAll(async () => {
  sb = await startSandbox({ scenario: { name: 'cli-ram', accounts: [{ id: OWNER, profile: 'network' }, { id: CONSUMER, profile: 'app' }] } });
  aws = await awsCliFor(sb, 'sandbox-cli-ram-');
});
afterAll(async () => sb?.stop());

describe.skipIf(withoutAwsCli)('Debian AWS CLI 2.9: sharing a transit gateway through RAM', () => {
  it('shares, is invited, accepts, attaches and is accepted, and reads the errors in AWS words', async () => {
    const g = (await ec2(sb, 'network').send(new CreateTransitGatewayCommand({}))).TransitGateway;
    const arn = g?.TransitGatewayArn as string;

    const refused = await aws('app', 'ram', 'create-resource-share', '--name', 'not-mine', '--resource-arns', arn);
    expect(refused.err).toContain('An error occurred (UnknownResourceException) when calling the CreateResourceShare operation:');
    expect(refused.err).toContain(arn);
    const malformed = await aws('network', 'ram', 'create-resource-share', '--name', 'x', '--resource-arns', 'tgw-1');
    expect(malformed.err).toContain('An error occurred (MalformedArnException) when calling the CreateResourceShare operation: The specified resource ARN tgw-1 is not valid.');

    const made = (await aws('network', 'ram', 'create-resource-share', '--name', 'hub', '--resource-arns', arn, '--principals', CONSUMER)).out as {
      resourceShare: { resourceShareArn: string; status: string; owningAccountId: string; allowExternalPrincipals: boolean; creationTime: string };
    };
    expect(made.resourceShare).toMatchObject({ status: 'ACTIVE', owningAccountId: OWNER, allowExternalPrincipals: true });
    expect(Number.isNaN(Date.parse(made.resourceShare.creationTime))).toBe(false);

    const invitations = (await aws('app', 'ram', 'get-resource-share-invitations')).out as {
      resourceShareInvitations: { resourceShareInvitationArn: string; status: string; senderAccountId: string; resourceShareArn: string }[];
    };
    expect(invitations.resourceShareInvitations).toEqual([
      expect.objectContaining({ status: 'PENDING', senderAccountId: OWNER, resourceShareArn: made.resourceShare.resourceShareArn }),
    ]);
    const invitation = invitations.resourceShareInvitations[0]?.resourceShareInvitationArn as string;
    const accepted = (await aws('app', 'ram', 'accept-resource-share-invitation', '--resource-share-invitation-arn', invitation)).out as {
      resourceShareInvitation: { status: string };
    };
    expect(accepted.resourceShareInvitation.status).toBe('ACCEPTED');
    const twice = await aws('app', 'ram', 'accept-resource-share-invitation', '--resource-share-invitation-arn', invitation);
    expect(twice.err).toContain('An error occurred (ResourceShareInvitationAlreadyAcceptedException) when calling the AcceptResourceShareInvitation operation');

    const app = ec2(sb, 'app');
    expect((await app.send(new DescribeTransitGatewaysCommand({}))).TransitGateways?.map((x) => x.OwnerId)).toEqual([OWNER]);
    const vpc = (await app.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc?.VpcId as string;
    const subnet = (await app.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.60.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    const att = (await app.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g?.TransitGatewayId, VpcId: vpc, SubnetIds: [subnet] })))
      .TransitGatewayVpcAttachment?.TransitGatewayAttachmentId as string;

    const notOwner = await aws('app', 'ec2', 'accept-transit-gateway-vpc-attachment', '--transit-gateway-attachment-id', att);
    expect(notOwner.err).toContain(`An error occurred (InvalidParameterValue) when calling the AcceptTransitGatewayVpcAttachment operation: Transit Gateway Attachment ${att}`);
    const ok = (await aws('network', 'ec2', 'accept-transit-gateway-vpc-attachment', '--transit-gateway-attachment-id', att)).out as {
      TransitGatewayVpcAttachment: Record<string, unknown>;
    };
    expect(ok.TransitGatewayVpcAttachment).toMatchObject({ TransitGatewayAttachmentId: att, VpcId: vpc, VpcOwnerId: CONSUMER, State: 'pending' });
    const seen = (await aws('app', 'ec2', 'describe-transit-gateway-attachments', '--transit-gateway-attachment-ids', att)).out as {
      TransitGatewayAttachments: Record<string, unknown>[];
    };
    expect(seen.TransitGatewayAttachments).toEqual([expect.objectContaining({ State: 'available', TransitGatewayOwnerId: OWNER, ResourceOwnerId: CONSUMER })]);

    const deleted = (await aws('network', 'ram', 'delete-resource-share', '--resource-share-arn', made.resourceShare.resourceShareArn)).out;
    expect(deleted).toMatchObject({ returnValue: true });
    const listed = (await aws('network', 'ram', 'get-resource-shares', '--resource-owner', 'SELF')).out as { resourceShares: { status: string }[] };
    expect(listed.resourceShares).toEqual([expect.objectContaining({ status: 'DELETED' })]);
  });
});
