/** Egress-only internet gateways through the real AWS SDK: made attached to their VPC, holding
 * it until deleted, with AWS's errors, tags and pages. */
import {
  CreateEgressOnlyInternetGatewayCommand,
  CreateVpcCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DeleteVpcCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let c: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

const vpc = async (cidr: string): Promise<string> =>
  (await c.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;

describe('an egress-only internet gateway', () => {
  it('is attached to its VPC from the start, and holds it until deleted', async () => {
    const v = await vpc('10.1.0.0/16');
    const made = await c.send(
      new CreateEgressOnlyInternetGatewayCommand({ VpcId: v, TagSpecifications: [{ ResourceType: 'egress-only-internet-gateway', Tags: [{ Key: 'Name', Value: 'v6-out' }] }] }),
    );
    const id = made.EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId as string;
    expect(made.EgressOnlyInternetGateway).toEqual({
      Attachments: [{ State: 'attached', VpcId: v }],
      EgressOnlyInternetGatewayId: expect.stringMatching(/^eigw-[0-9a-f]{17}$/),
      Tags: [{ Key: 'Name', Value: 'v6-out' }],
    });
    const held = await awsError(c.send(new DeleteVpcCommand({ VpcId: v })));
    expect(held).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${v}' has dependencies and cannot be deleted.` });
    expect((await c.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: id }))).ReturnCode).toBe(true);
    const gone = await awsError(c.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: id })));
    expect(gone).toMatchObject({ code: 'InvalidEgressOnlyInternetGatewayId.NotFound', message: `The egressOnlyInternetGateway ID '${id}' does not exist` });
    await c.send(new DeleteVpcCommand({ VpcId: v }));
  });

  it('needs a VPC of the caller, and a well-formed id', async () => {
    expect((await awsError(c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: 'vpc-0123456789abcdef0' })))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: ['eigw-x'] })))).code).toBe(
      'InvalidEgressOnlyInternetGatewayId.Malformed',
    );
  });

  it('is described by id and tags, in pages of 5 to 255', async () => {
    const v = await vpc('10.2.0.0/16');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const tags = [{ ResourceType: 'egress-only-internet-gateway' as const, Tags: [{ Key: 'n', Value: String(i) }] }];
      ids.push((await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: v, TagSpecifications: tags }))).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId as string);
    }
    const byTag = await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ Filters: [{ Name: 'tag:n', Values: ['3'] }] }));
    expect(byTag.EgressOnlyInternetGateways?.map((g) => g.EgressOnlyInternetGatewayId)).toEqual([ids[3]]);
    const byId = await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [ids[0] as string] }));
    expect(byId.EgressOnlyInternetGateways?.[0]?.Attachments).toEqual([{ State: 'attached', VpcId: v }]);
    const first = await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ MaxResults: 5 }));
    const rest = await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect([...(first.EgressOnlyInternetGateways ?? []), ...(rest.EgressOnlyInternetGateways ?? [])].map((g) => g.EgressOnlyInternetGatewayId)).toEqual([...ids].sort());
    expect((await awsError(c.send(new DescribeEgressOnlyInternetGatewaysCommand({ MaxResults: 256 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new DescribeEgressOnlyInternetGatewaysCommand({ Filters: [{ Name: 'vpc-id', Values: [v] }] })))).code).toBe('InvalidParameterValue');
  });
});
