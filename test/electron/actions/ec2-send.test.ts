import type { AuthorizeSecurityGroupIngressCommandInput, CreateVpcPeeringConnectionCommandInput } from '@aws-sdk/client-ec2';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { actionErrorCode } from '../../../electron/actions/action-errors';
import { sendEc2Action, type UnknownFields } from '../../../electron/actions/ec2-send';
import type { StepCall } from '../../../shared/planning/step-params';
import { startSandbox, type SandboxHandle } from '../../support/start-sandbox';

type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The compile-time check of plan inputs against the SDK's: a field the SDK's input lacks is named, at any depth.
true satisfies Equals<UnknownFields<{ VpcId: string; PeerVpcId: string }, CreateVpcPeeringConnectionCommandInput>, never>;
true satisfies Equals<UnknownFields<{ VpcId: string; PeerVpcID: string }, CreateVpcPeeringConnectionCommandInput>, 'PeerVpcID'>;
true satisfies Equals<
  UnknownFields<{ GroupId: string; IpPermissions: readonly { IpProtocol: string; IpRanges: readonly { CidrIp: string; Descripton: string }[] }[] }, AuthorizeSecurityGroupIngressCommandInput>,
  'IpPermissions.IpRanges.Descripton'
>;

// A step's input follows its action: another action's field does not compile.
// @ts-expect-error DeleteRoute takes no peering id
const mixed: StepCall = { action: 'DeleteRoute', params: { RouteTableId: 'rtb-1', DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-1' } };
void mixed;

/** One call of each action, with ids the sandbox does not have: each answer names the id it was given. */
const CALLS: readonly { readonly call: StepCall; readonly id: string }[] = [
  { call: { action: 'CreateVpcPeeringConnection', params: { VpcId: 'vpc-0a1', PeerVpcId: 'vpc-0b2' } }, id: 'vpc-0a1' },
  { call: { action: 'AcceptVpcPeeringConnection', params: { VpcPeeringConnectionId: 'pcx-0a3' } }, id: 'pcx-0a3' },
  { call: { action: 'RejectVpcPeeringConnection', params: { VpcPeeringConnectionId: 'pcx-0a4' } }, id: 'pcx-0a4' },
  { call: { action: 'DeleteVpcPeeringConnection', params: { VpcPeeringConnectionId: 'pcx-0a5' } }, id: 'pcx-0a5' },
  {
    call: { action: 'ModifyVpcPeeringConnectionOptions', params: { VpcPeeringConnectionId: 'pcx-0a6', RequesterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } } },
    id: 'pcx-0a6',
  },
  { call: { action: 'CreateRoute', params: { RouteTableId: 'rtb-0a7', DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: 'pcx-0a7' } }, id: 'rtb-0a7' },
  { call: { action: 'ReplaceRoute', params: { RouteTableId: 'rtb-0a8', DestinationIpv6CidrBlock: '2600:1f18:9::/56', VpcPeeringConnectionId: 'pcx-0a8' } }, id: 'rtb-0a8' },
  { call: { action: 'DeleteRoute', params: { RouteTableId: 'rtb-0a9', DestinationCidrBlock: '10.9.0.0/16' } }, id: 'rtb-0a9' },
  { call: { action: 'AuthorizeSecurityGroupIngress', params: { GroupId: 'sg-0b1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.9.0.0/16' }] }] } }, id: 'sg-0b1' },
  { call: { action: 'RevokeSecurityGroupIngress', params: { GroupId: 'sg-0b2', IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0b3' }] }] } }, id: 'sg-0b2' },
  { call: { action: 'AuthorizeSecurityGroupEgress', params: { GroupId: 'sg-0b4', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.9.0.0/16' }] }] } }, id: 'sg-0b4' },
  { call: { action: 'RevokeSecurityGroupEgress', params: { GroupId: 'sg-0b5', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } }, id: 'sg-0b5' },
  {
    call: { action: 'CreateNetworkAclEntry', params: { NetworkAclId: 'acl-0b6', RuleNumber: 110, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.9.1.0/24', PortRange: { From: 1024, To: 65535 } } },
    id: 'acl-0b6',
  },
  { call: { action: 'DeleteNetworkAclEntry', params: { NetworkAclId: 'acl-0b7', RuleNumber: 110, Egress: true } }, id: 'acl-0b7' },
  { call: { action: 'RevokeSecurityGroupEgress', params: { GroupId: 'sg-0b8', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0b9', UserId: '111122223333' }] }] } }, id: 'sg-0b8' },
];

describe('sendEc2Action', () => {
  let sb: SandboxHandle;
  let client: EC2Client;

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'empty' });
    const a = sb.accounts[0]!;
    client = new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } });
  });

  afterAll(async () => {
    client?.destroy();
    await sb?.stop();
  });

  it.each(CALLS.map((c) => [c.call.action, c] as const))('sends %s as that action, with the step input as given', async (action, { call, id }) => {
    const before = sb.server.stats().byAction[action] ?? 0;
    const failure = await sendEc2Action(client, call, { dryRun: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sb.server.stats().byAction[action]).toBe(before + 1);
    expect(actionErrorCode(failure)).toMatch(/NotFound|Malformed/);
    expect((failure as Error).message).toContain(id);
  });
});
