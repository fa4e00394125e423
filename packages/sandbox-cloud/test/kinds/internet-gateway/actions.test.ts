/** Internet gateways through the real AWS SDK: one VPC per gateway and one gateway per VPC, the
 * errors AWS answers for attaching, detaching and deleting, DeleteVpc's hold, the default VPC's
 * gateway, and Describe's filters and pages. */
import {
  AttachInternetGatewayCommand,
  CreateDefaultVpcCommand,
  CreateInternetGatewayCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  type InternetGateway,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const PROD = '444455556666';
let sb: SandboxHandle;
let c: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

const vpc = async (cidr: string): Promise<string> => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
const igw = async (name?: string): Promise<string> =>
  (await c.send(new CreateInternetGatewayCommand(name ? { TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: name }] }] } : {})))
    .InternetGateway?.InternetGatewayId as string;
const seen = async (id: string): Promise<InternetGateway | undefined> =>
  (await c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }))).InternetGateways?.[0];

describe('an internet gateway', () => {
  it('is created detached, with its owner and tags', async () => {
    const out = await c.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'edge' }] }] }));
    expect(out.InternetGateway).toEqual({
      Attachments: [],
      InternetGatewayId: expect.stringMatching(/^igw-[0-9a-f]{17}$/),
      OwnerId: PROD,
      Tags: [{ Key: 'Name', Value: 'edge' }],
    });
    expect((await awsError(c.send(new CreateInternetGatewayCommand({ DryRun: true })))).code).toBe('DryRunOperation');
  });

  it('attaches to one VPC at a time (Resource.AlreadyAssociated), and a VPC takes one gateway (InvalidParameterValue)', async () => {
    const [v1, v2] = [await vpc('10.1.0.0/16'), await vpc('10.2.0.0/16')];
    const [g1, g2] = [await igw(), await igw()];
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g1, VpcId: v1 }));
    expect((await seen(g1))?.Attachments).toEqual([{ State: 'available', VpcId: v1 }]);
    const twice = await awsError(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g1, VpcId: v2 })));
    expect(twice).toMatchObject({ code: 'Resource.AlreadyAssociated', message: `resource ${g1} is already attached to network ${v1}` });
    const again = await awsError(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g1, VpcId: v1 })));
    expect(again).toMatchObject({ code: 'Resource.AlreadyAssociated', message: `resource ${g1} is already attached to network ${v1}` });
    const second = await awsError(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g2, VpcId: v1 })));
    expect(second).toMatchObject({ code: 'InvalidParameterValue' });
    expect(second.message).toContain(`Network ${v1} already has an internet gateway attached`);
    expect((await awsError(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g2, VpcId: 'vpc-0123456789abcdef0' })))).code).toBe('InvalidVpcID.NotFound');
  });

  it('is deleted only once detached, and detached only from its own VPC (Gateway.NotAttached)', async () => {
    const [v1, v2] = [await vpc('10.3.0.0/16'), await vpc('10.4.0.0/16')];
    const g = await igw();
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
    const held = await awsError(c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g })));
    expect(held).toMatchObject({ code: 'DependencyViolation', message: `The internetGateway '${g}' has dependencies and cannot be deleted.` });
    const wrong = await awsError(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v2 })));
    expect(wrong).toMatchObject({ code: 'Gateway.NotAttached', message: `resource ${g} is not attached to network ${v2}` });
    await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
    expect((await seen(g))?.Attachments).toEqual([]);
    await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g }));
    const gone = await awsError(c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [g] })));
    expect(gone).toMatchObject({ code: 'InvalidInternetGatewayID.NotFound', message: `The internetGateway ID '${g}' does not exist` });
    expect((await awsError(c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: 'igw-12' })))).code).toBe('InvalidInternetGatewayId.Malformed');
  });

  it('holds its VPC: DeleteVpc refuses while it is attached', async () => {
    const v = await vpc('10.5.0.0/16');
    const g = await igw();
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v }));
    const held = await awsError(c.send(new DeleteVpcCommand({ VpcId: v })));
    expect(held).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${v}' has dependencies and cannot be deleted.` });
    await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v }));
    await c.send(new DeleteVpcCommand({ VpcId: v }));
  });
});

describe('the default VPC', () => {
  it('has its internet gateway attached, and its main route table sends 0.0.0.0/0 to it', async () => {
    const west = ec2(sb, 'sandbox-prod', 'us-west-2');
    const v = (await west.send(new CreateDefaultVpcCommand({}))).Vpc?.VpcId as string;
    const gws = (await west.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [v] }] }))).InternetGateways ?? [];
    expect(gws.map((g) => g.Attachments)).toEqual([[{ State: 'available', VpcId: v }]]);
    const main = (await west.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [v] }] }))).RouteTables?.[0];
    expect(main?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({ GatewayId: gws[0]?.InternetGatewayId, State: 'active' });
  });
});

describe('DescribeInternetGateways', () => {
  it('filters by attachment, id, owner and tags, and pages', async () => {
    const ew = ec2(sb, 'sandbox-prod', 'eu-west-1');
    const v = (await ew.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId as string;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const tags = [{ ResourceType: 'internet-gateway' as const, Tags: [{ Key: 'n', Value: String(i) }] }];
      ids.push((await ew.send(new CreateInternetGatewayCommand({ TagSpecifications: tags }))).InternetGateway?.InternetGatewayId as string);
    }
    await ew.send(new AttachInternetGatewayCommand({ InternetGatewayId: ids[2], VpcId: v }));
    const find = async (Name: string, Values: string[]) =>
      ((await ew.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name, Values }] }))).InternetGateways ?? []).map((g) => g.InternetGatewayId);
    expect(await find('attachment.vpc-id', [v])).toEqual([ids[2]]);
    expect(await find('attachment.state', ['available'])).toEqual([ids[2]]);
    expect(await find('internet-gateway-id', [ids[4] as string])).toEqual([ids[4]]);
    expect(await find('tag:n', ['1', '5'])).toEqual([ids[1], ids[5]].sort());
    expect(await find('owner-id', [PROD])).toHaveLength(6);
    const first = await ew.send(new DescribeInternetGatewaysCommand({ MaxResults: 5 }));
    const rest = await ew.send(new DescribeInternetGatewaysCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect([...(first.InternetGateways ?? []), ...(rest.InternetGateways ?? [])].map((g) => g.InternetGatewayId)).toEqual([...ids].sort());
    expect(rest.NextToken).toBeUndefined();
  });
});
