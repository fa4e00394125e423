/** Security groups through the real AWS SDK: create/delete/describe, ingress and egress rules with CIDRs
 * and security-group references (same VPC, across an active same-region peering, never otherwise). */
import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const PROD = '444455556666';
const DEV = '777788889999';
let sb: SandboxHandle;
let prod: EC2Client;
let dev: EC2Client;
let devEu: EC2Client;
let vpcP: string;
let vpcD: string;
let vpcEu: string;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  prod = ec2(sb, 'sandbox-prod');
  dev = ec2(sb, 'sandbox-dev');
  devEu = ec2(sb, 'sandbox-dev', 'eu-west-1');
  vpcP = (await prod.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc?.VpcId as string;
  vpcD = (await dev.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc?.VpcId as string;
  vpcEu = (await devEu.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc?.VpcId as string;
});
afterAll(async () => sb.stop());

async function group(client: EC2Client, vpcId: string, name: string): Promise<string> {
  return (await client.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} group`, VpcId: vpcId }))).GroupId as string;
}

async function describeGroup(client: EC2Client, id: string): Promise<SecurityGroup> {
  return (await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0] as SecurityGroup;
}

const https = (peer: Partial<IpPermission>): IpPermission => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ...peer });

describe('CreateSecurityGroup', () => {
  it('creates a group with the default egress rule, next to the VPC default group', async () => {
    const id = await group(prod, vpcP, 'web');
    expect(id).toMatch(/^sg-[0-9a-f]{17}$/);
    const g = await describeGroup(prod, id);
    expect(g).toMatchObject({ GroupName: 'web', Description: 'web group', VpcId: vpcP, OwnerId: PROD, IpPermissions: [] });
    expect(g.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    const def = (await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcP] }, { Name: 'group-name', Values: ['default'] }] })))
      .SecurityGroups?.[0];
    expect(def?.IpPermissions?.[0]?.UserIdGroupPairs?.[0]).toMatchObject({ GroupId: def?.GroupId, UserId: PROD });
  });

  it('refuses duplicates, the reserved name and a missing VPC', async () => {
    await group(prod, vpcP, 'dup');
    expect((await awsError(group(prod, vpcP, 'dup'))).code).toBe('InvalidGroup.Duplicate');
    expect((await awsError(group(prod, vpcP, 'default'))).code).toBe('InvalidGroup.Reserved');
    expect((await awsError(prod.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' })))).code).toBe('VPCIdNotSpecified');
    expect((await awsError(prod.send(new CreateSecurityGroupCommand({ GroupName: 'x', VpcId: vpcP } as never)))).code).toBe('MissingParameter');
  });
});

describe('security group ARNs', () => {
  it('answers SecurityGroupArn from CreateSecurityGroup and DescribeSecurityGroups, and rule ARNs', async () => {
    const out = await prod.send(new CreateSecurityGroupCommand({ GroupName: 'arn', Description: 'arn group', VpcId: vpcP }));
    const arn = `arn:aws:ec2:us-east-1:${PROD}:security-group/${out.GroupId}`;
    expect(out.SecurityGroupArn).toBe(arn);
    expect((await describeGroup(prod, out.GroupId as string)).SecurityGroupArn).toBe(arn);
    const eu = await devEu.send(new CreateSecurityGroupCommand({ GroupName: 'arn', Description: 'arn group', VpcId: vpcEu }));
    expect(eu.SecurityGroupArn).toBe(`arn:aws:ec2:eu-west-1:${DEV}:security-group/${eu.GroupId}`);
    const rule = (await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: out.GroupId, IpPermissions: [https({ IpRanges: [{ CidrIp: '10.7.0.0/16' }] })] })))
      .SecurityGroupRules?.[0];
    expect(rule?.SecurityGroupRuleArn).toBe(`arn:aws:ec2:us-east-1:${PROD}:security-group-rule/${rule?.SecurityGroupRuleId}`);
    // DeleteSecurityGroup answers what the current API returns: Return and the group id.
    expect(await devEu.send(new DeleteSecurityGroupCommand({ GroupId: eu.GroupId }))).toMatchObject({ Return: true, GroupId: eu.GroupId });
  });

  it('refuses an empty description with MissingParameter, as a missing one', async () => {
    // Wording decided by an AWS answer quoted in a moto bug report and moto 5.2.1's own
    // MissingParameterError.
    const empty = await awsError(prod.send(new CreateSecurityGroupCommand({ GroupName: 'empty', Description: '', VpcId: vpcP })));
    expect(empty).toMatchObject({ code: 'MissingParameter', message: 'The request must contain the parameter GroupDescription', status: 400 });
    const absent = await awsError(prod.send(new CreateSecurityGroupCommand({ GroupName: 'empty', VpcId: vpcP } as never)));
    expect(absent).toMatchObject({ code: 'MissingParameter', message: 'The request must contain the parameter GroupDescription' });
  });
});

describe('rules with CIDRs', () => {
  it('authorizes, groups by protocol and ports, refuses duplicates and revokes', async () => {
    const id = await group(prod, vpcP, 'cidrs');
    const out = await prod.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: id,
        IpPermissions: [https({ IpRanges: [{ CidrIp: '10.2.0.0/16', Description: 'dev' }, { CidrIp: '10.9.0.0/16' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] })],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules).toHaveLength(3);
    expect(out.SecurityGroupRules?.[0]).toMatchObject({ GroupId: id, GroupOwnerId: PROD, IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '10.2.0.0/16', Description: 'dev' });
    expect(out.SecurityGroupRules?.[0]?.SecurityGroupRuleId).toMatch(/^sgr-/);
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpProtocol: '6', FromPort: 22, ToPort: 22, CidrIp: '10.2.0.0/16' }));
    const g = await describeGroup(prod, id);
    expect(g.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.2.0.0/16', Description: 'dev' }, { CidrIp: '10.9.0.0/16' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.2.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    const dup = await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https({ IpRanges: [{ CidrIp: '10.9.0.0/16' }] })] })));
    expect(dup.code).toBe('InvalidPermission.Duplicate');
    expect((await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https({ IpRanges: [{ CidrIp: '10.9/16' }] })] })))).code).toBe(
      'InvalidParameterValue',
    );
    expect((await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '10.8.0.0/16' }] }] })))).code).toBe(
      'InvalidParameterValue',
    );
    expect((await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'bogus', IpRanges: [{ CidrIp: '10.8.0.0/16' }] }] })))).code).toBe(
      'InvalidParameterValue',
    );
    await prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https({ IpRanges: [{ CidrIp: '10.9.0.0/16' }] })] }));
    const missing = await awsError(prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [https({ IpRanges: [{ CidrIp: '10.9.0.0/16' }] })] })));
    expect(missing.code).toBe('InvalidPermission.NotFound');
    const ruleId = out.SecurityGroupRules?.[2]?.SecurityGroupRuleId as string;
    await prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, SecurityGroupRuleIds: [ruleId] }));
    expect((await describeGroup(prod, id)).IpPermissions?.[0]?.Ipv6Ranges).toEqual([]);
  });

  it('authorizes and revokes egress rules', async () => {
    const id = await group(prod, vpcP, 'egress');
    await prod.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    expect((await describeGroup(prod, id)).IpPermissionsEgress).toEqual([]);
    await prod.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.2/32' }] }] }));
    expect((await describeGroup(prod, id)).IpPermissionsEgress?.[0]).toMatchObject({ IpProtocol: 'udp', FromPort: 53, ToPort: 53 });
    const byEgress = await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'egress.ip-permission.cidr', Values: ['10.0.0.2/32'] }] }));
    expect(byEgress.SecurityGroups?.map((g) => g.GroupId)).toEqual([id]);
  });
});

describe('rules that reference security groups', () => {
  it('accepts a group of the same VPC', async () => {
    const a = await group(prod, vpcP, 'ref-a');
    const b = await group(prod, vpcP, 'ref-b');
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: a, IpPermissions: [https({ UserIdGroupPairs: [{ GroupId: b }] })] }));
    expect((await describeGroup(prod, a)).IpPermissions?.[0]?.UserIdGroupPairs).toEqual([{ GroupId: b, UserId: PROD }]);
  });

  it('accepts a peer VPC group across accounts only while a same-region peering is active', async () => {
    const mine = await group(prod, vpcP, 'peer-mine');
    const theirs = await group(dev, vpcD, 'peer-theirs');
    const ref = { UserIdGroupPairs: [{ GroupId: theirs, UserId: DEV }] };
    const before = await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: mine, IpPermissions: [https(ref)] })));
    expect(before.code).toBe('InvalidGroup.NotFound');
    const pcx = (await prod.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcP, PeerVpcId: vpcD, PeerOwnerId: DEV }))).VpcPeeringConnection
      ?.VpcPeeringConnectionId as string;
    expect((await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: mine, IpPermissions: [https(ref)] })))).code).toBe('InvalidGroup.NotFound');
    await dev.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: mine, IpPermissions: [https(ref)] }));
    const pair = (await describeGroup(prod, mine)).IpPermissions?.[0]?.UserIdGroupPairs?.[0];
    expect(pair).toEqual({ GroupId: theirs, UserId: DEV, VpcId: vpcD, VpcPeeringConnectionId: pcx, PeeringStatus: 'active' });
    const byRef = await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [theirs] }] }));
    expect(byRef.SecurityGroups?.map((g) => g.GroupId)).toEqual([mine]);
    const byUser = await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.user-id', Values: [DEV] }] }));
    expect(byUser.SecurityGroups?.map((g) => g.GroupId)).toEqual([mine]);
    await prod.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    expect((await describeGroup(prod, mine)).IpPermissions?.[0]?.UserIdGroupPairs?.[0]?.PeeringStatus).toBe('deleted');
    await prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: mine, IpPermissions: [https(ref)] }));
    await dev.send(new DeleteSecurityGroupCommand({ GroupId: theirs }));
  });

  it('refuses a group across regions, even through an active peering', async () => {
    const mine = await group(prod, vpcP, 'xr-mine');
    const theirs = await group(devEu, vpcEu, 'xr-theirs');
    const pcx = (await prod.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcP, PeerVpcId: vpcEu, PeerOwnerId: DEV, PeerRegion: 'eu-west-1' })))
      .VpcPeeringConnection?.VpcPeeringConnectionId as string;
    await devEu.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    const e = await awsError(prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: mine, IpPermissions: [https({ UserIdGroupPairs: [{ GroupId: theirs, UserId: DEV }] })] })));
    expect(e.code).toBe('InvalidGroup.NotFound');
  });
});

describe('DeleteSecurityGroup and DescribeSecurityGroups', () => {
  it('never deletes default, deletes others, and names unknown or malformed ids', async () => {
    const def = (await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcP] }, { Name: 'group-name', Values: ['default'] }] })))
      .SecurityGroups?.[0]?.GroupId as string;
    expect((await awsError(prod.send(new DeleteSecurityGroupCommand({ GroupId: def })))).code).toBe('CannotDelete');
    const id = await group(prod, vpcP, 'doomed');
    await prod.send(new DeleteSecurityGroupCommand({ GroupId: id }));
    const gone = await awsError(prod.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })));
    expect(gone).toMatchObject({ code: 'InvalidGroup.NotFound', message: `The security group '${id}' does not exist` });
    expect((await awsError(prod.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-zz'] })))).code).toBe('InvalidGroupId.Malformed');
  });

  it('filters and pages', async () => {
    for (let i = 0; i < 6; i++) {
      await prod.send(
        new CreateSecurityGroupCommand({ GroupName: `paged-${i}`, Description: 'paged', VpcId: vpcP, TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Page', Value: 'yes' }] }] }),
      );
    }
    const count = async (Name: string, Values: string[]): Promise<number> =>
      (await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name, Values }] }))).SecurityGroups?.length ?? 0;
    expect(await count('tag:Page', ['yes'])).toBe(6);
    expect(await count('description', ['paged'])).toBe(6);
    expect(await count('group-name', ['paged-*'])).toBe(6);
    expect(await count('owner-id', [PROD])).toBeGreaterThan(6);
    expect(await count('ip-permission.from-port', ['443'])).toBeGreaterThan(0);
    expect(await count('ip-permission.protocol', ['tcp'])).toBeGreaterThan(0);
    const p1 = await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:Page', Values: ['yes'] }], MaxResults: 5 }));
    const p2 = await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:Page', Values: ['yes'] }], MaxResults: 5, NextToken: p1.NextToken }));
    expect([p1.SecurityGroups?.length, p2.SecurityGroups?.length, p2.NextToken]).toEqual([5, 1, undefined]);
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation on every security-group call and changes nothing', async () => {
    const id = await group(prod, vpcP, 'dry');
    const rule = [https({ IpRanges: [{ CidrIp: '10.7.0.0/16' }] })];
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: rule }));
    await prod.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: rule }));
    const before = JSON.stringify(await describeGroup(prod, id));
    const other = [https({ IpRanges: [{ CidrIp: '10.6.0.0/16' }] })];
    for (const call of [
      () => prod.send(new CreateSecurityGroupCommand({ GroupName: 'dry-2', Description: 'd', VpcId: vpcP, DryRun: true })),
      () => prod.send(new DeleteSecurityGroupCommand({ GroupId: id, DryRun: true })),
      () => prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: other, DryRun: true })),
      () => prod.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: other, DryRun: true })),
      () => prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: rule, DryRun: true })),
      () => prod.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: rule, DryRun: true })),
      () => prod.send(new DescribeSecurityGroupsCommand({ DryRun: true })),
    ]) {
      expect(await awsError(call())).toMatchObject({ code: 'DryRunOperation', status: 412 });
    }
    expect(JSON.stringify(await describeGroup(prod, id))).toBe(before);
  });
});
