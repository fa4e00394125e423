/** Internet gateways through the real SDK: create, attach, describe, tags, and a VPC held by one. */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
});
afterAll(async () => sb.stop());

describe('internet gateways', () => {
  it('are created, attached, described, tagged, and hold their VPC', async () => {
    const c = ec2(sb, 'sandbox-network');
    const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId as string;
    const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    expect(igw).toMatch(/^igw-[0-9a-f]{17}$/);
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const seen = await c.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc] }] }));
    expect(seen.InternetGateways?.map((g) => g.InternetGatewayId)).toEqual([igw]);
    await c.send(new CreateTagsCommand({ Resources: [igw], Tags: [{ Key: 'Name', Value: 'edge' }] }));
    const tags = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [igw] }] }));
    expect(tags.Tags).toEqual([{ Key: 'Name', ResourceId: igw, ResourceType: 'internet-gateway', Value: 'edge' }]);
    expect((await awsError(c.send(new DeleteVpcCommand({ VpcId: vpc })))).code).toBe('DependencyViolation');
    expect((await awsError(c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw })))).code).toBe('DependencyViolation');
    expect((await awsError(c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: ['igw-0123456789abcdef0'] })))).code).toBe(
      'InvalidInternetGatewayID.NotFound',
    );
    expect((sb.server.exportState() as unknown as { internetGateways: { id: string }[] }).internetGateways.map((g) => g.id)).toEqual([igw]);
  });
});
