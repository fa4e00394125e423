/** CreateTags, DeleteTags and DescribeTags through the real AWS SDK, on every taggable resource type. */
import {
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, ec2 } from '../clients';

let sb: SandboxHandle;
let c: EC2Client;
let ids: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-data', 'ap-southeast-2');
  const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc?.VpcId as string;
  const peer = (await c.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc?.VpcId as string;
  ids = {
    vpc,
    subnet: (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.1.0.0/24' }))).Subnet?.SubnetId as string,
    'route-table': (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string,
    'security-group': (await c.send(new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'g', VpcId: vpc }))).GroupId as string,
    'vpc-peering-connection': (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpc, PeerVpcId: peer }))).VpcPeeringConnection
      ?.VpcPeeringConnectionId as string,
  };
});
afterAll(async () => sb.stop());

describe('CreateTags and DescribeTags', () => {
  it('tags every resource type and lists the tags with their resource types', async () => {
    await c.send(new CreateTagsCommand({ Resources: Object.values(ids), Tags: [{ Key: 'Team', Value: 'data' }, { Key: 'Empty', Value: '' }] }));
    const out = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Team'] }] }));
    expect(out.Tags?.map((t) => [t.ResourceType, t.ResourceId, t.Value]).sort()).toEqual(
      Object.entries(ids)
        .map(([type, id]) => [type, id, 'data'])
        .sort(),
    );
    const byType = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['subnet'] }] }));
    expect(byType.Tags?.map((t) => t.Key).sort()).toEqual(['Empty', 'Team']);
    const byId = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [ids.vpc as string] }, { Name: 'value', Values: ['data'] }] }));
    expect(byId.Tags).toEqual([{ Key: 'Team', ResourceId: ids.vpc, ResourceType: 'vpc', Value: 'data' }]);
    const page = await c.send(new DescribeTagsCommand({ MaxResults: 5 }));
    expect(page.Tags).toHaveLength(5);
    expect(page.NextToken).toBeTruthy();
  });

  it('overwrites a value, and refuses reserved keys, unknown ids and foreign resources', async () => {
    await c.send(new CreateTagsCommand({ Resources: [ids.vpc as string], Tags: [{ Key: 'Team', Value: 'platform' }] }));
    const v = await c.send(new DescribeVpcsCommand({ VpcIds: [ids.vpc as string] }));
    expect(v.Vpcs?.[0]?.Tags?.find((t) => t.Key === 'Team')?.Value).toBe('platform');
    expect((await awsError(c.send(new CreateTagsCommand({ Resources: [ids.vpc as string], Tags: [{ Key: 'aws:owner', Value: 'x' }] })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new CreateTagsCommand({ Resources: ['vol-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe('InvalidID');
    expect((await awsError(c.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe('InvalidInstanceID.NotFound');
    expect((await awsError(c.send(new CreateTagsCommand({ Resources: ['vpc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe('InvalidVpcID.NotFound');
    const other = ec2(sb, 'sandbox-prod', 'ap-southeast-2');
    expect((await awsError(other.send(new CreateTagsCommand({ Resources: [ids.vpc as string], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(c.send(new CreateTagsCommand({ Resources: [ids.vpc as string], Tags: [] })))).code).toBe('MissingParameter');
  });
});

describe('DeleteTags', () => {
  it('deletes by key, only on a matching value when one is given, or every tag', async () => {
    const sg = ids['security-group'] as string;
    await c.send(new CreateTagsCommand({ Resources: [sg], Tags: [{ Key: 'A', Value: '1' }, { Key: 'B', Value: '2' }, { Key: 'C', Value: '3' }] }));
    const keys = async (): Promise<string[]> =>
      ((await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [sg] }] }))).Tags ?? []).map((t) => t.Key as string).sort();
    await c.send(new DeleteTagsCommand({ Resources: [sg], Tags: [{ Key: 'A' }] }));
    expect(await keys()).not.toContain('A');
    await c.send(new DeleteTagsCommand({ Resources: [sg], Tags: [{ Key: 'B', Value: 'nope' }] }));
    expect(await keys()).toContain('B');
    await c.send(new DeleteTagsCommand({ Resources: [sg], Tags: [{ Key: 'B', Value: '2' }] }));
    expect(await keys()).not.toContain('B');
    await c.send(new DeleteTagsCommand({ Resources: [sg] }));
    expect(await keys()).toEqual([]);
  });

  it('supports DryRun on CreateTags, DeleteTags and DescribeTags', async () => {
    for (const call of [
      () => c.send(new CreateTagsCommand({ Resources: [ids.vpc as string], Tags: [{ Key: 'Dry', Value: 'x' }], DryRun: true })),
      () => c.send(new DeleteTagsCommand({ Resources: [ids.vpc as string], DryRun: true })),
      () => c.send(new DescribeTagsCommand({ DryRun: true })),
    ]) {
      expect((await awsError(call())).code).toBe('DryRunOperation');
    }
    const v = await c.send(new DescribeVpcsCommand({ VpcIds: [ids.vpc as string] }));
    expect(v.Vpcs?.[0]?.Tags?.some((t) => t.Key === 'Dry')).toBe(false);
    expect(v.Vpcs?.[0]?.Tags?.length).toBeGreaterThan(0);
  });
});
