/** Security group rules as resources of their own, through the real AWS SDK: stable `sgr-` ids,
 * DescribeSecurityGroupRules (ids, filters, tags, pages), rule tags through the tag actions, and
 * ModifySecurityGroupRules. */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const PROD = '444455556666';
let sb: SandboxHandle;
let prod: EC2Client;
let dev: EC2Client;
let vpc: string;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  prod = ec2(sb, 'sandbox-prod');
  dev = ec2(sb, 'sandbox-dev');
  vpc = (await prod.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc?.VpcId as string;
});
afterAll(async () => sb.stop());

async function group(name: string): Promise<string> {
  return (await prod.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc }))).GroupId as string;
}

async function rulesOf(groupId: string): Promise<SecurityGroupRule[]> {
  return (await prod.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }))).SecurityGroupRules ?? [];
}

const tcp = (port: number, cidr: string) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] });

describe('DescribeSecurityGroupRules', () => {
  it('lists each rule once under the sgr- id its authorization answered, as AWS words a rule', async () => {
    const id = await group('listed');
    const added = (await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(443, '10.2.0.0/16')] }))).SecurityGroupRules?.[0];
    const rules = await rulesOf(id);
    const egress = rules.find((r) => r.IsEgress);
    // The AWS CLI reference's describe-security-group-rules example: -1 ports, tags listed even when empty.
    expect(egress).toEqual({
      SecurityGroupRuleId: egress?.SecurityGroupRuleId,
      GroupId: id,
      GroupOwnerId: PROD,
      IsEgress: true,
      IpProtocol: '-1',
      FromPort: -1,
      ToPort: -1,
      CidrIpv4: '0.0.0.0/0',
      Tags: [],
      SecurityGroupRuleArn: `arn:aws:ec2:us-east-1:${PROD}:security-group-rule/${egress?.SecurityGroupRuleId}`,
    });
    expect(egress?.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(rules.find((r) => !r.IsEgress)).toEqual(added);
    // The ids stay what they were while other rules come and go.
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(22, '10.9.0.0/16')] }));
    await prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(22, '10.9.0.0/16')] }));
    expect((await rulesOf(id)).map((r) => r.SecurityGroupRuleId).sort()).toEqual(rules.map((r) => r.SecurityGroupRuleId).sort());
    // A VPC's default group references itself.
    const def = (await prod.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: ['default'] }] })))
      .SecurityGroups?.[0]?.GroupId as string;
    expect((await rulesOf(def)).find((r) => !r.IsEgress)?.ReferencedGroupInfo).toEqual({ GroupId: def, UserId: PROD });
  });

  it('takes rule ids, and names unknown and malformed ones', async () => {
    const id = await group('by-id');
    const a = (await rulesOf(id))[0]?.SecurityGroupRuleId as string;
    const out = await prod.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [a] }));
    expect(out.SecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toEqual([a]);
    const unknown = await awsError(prod.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })));
    expect(unknown).toMatchObject({ code: 'InvalidSecurityGroupRuleId.NotFound', message: "The security group rule ID 'sgr-0123456789abcdef0' does not exist" });
    expect((await awsError(prod.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-zz'] })))).code).toBe('InvalidSecurityGroupRuleId.Malformed');
    // Another account's rules are not the caller's.
    expect((await awsError(dev.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [a] })))).code).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('filters by group, rule id and tags, and pages', async () => {
    const id = await group('paged');
    const tagged = { TagSpecifications: [{ ResourceType: 'security-group-rule' as const, Tags: [{ Key: 'Team', Value: 'web' }] }] };
    const added = await prod.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(80, '10.3.0.0/16'), tcp(81, '10.3.0.0/16'), tcp(82, '10.3.0.0/16'), tcp(83, '10.3.0.0/16'), tcp(84, '10.3.0.0/16')], ...tagged }),
    );
    expect(added.SecurityGroupRules?.[0]?.Tags).toEqual([{ Key: 'Team', Value: 'web' }]);
    const count = async (Name: string, Values: string[]): Promise<number> =>
      (await prod.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name, Values }] }))).SecurityGroupRules?.length ?? 0;
    expect(await count('group-id', [id])).toBe(6);
    expect(await count('tag:Team', ['web'])).toBe(5);
    expect(await count('tag-key', ['Team'])).toBe(5);
    expect(await count('security-group-rule-id', [added.SecurityGroupRules?.[2]?.SecurityGroupRuleId as string])).toBe(1);
    expect((await awsError(count('colour', ['red']))).code).toBe('InvalidParameterValue');
    const filters = [{ Name: 'group-id', Values: [id] }];
    const p1 = await prod.send(new DescribeSecurityGroupRulesCommand({ Filters: filters, MaxResults: 5 }));
    const p2 = await prod.send(new DescribeSecurityGroupRulesCommand({ Filters: filters, MaxResults: 5, NextToken: p1.NextToken }));
    expect([p1.SecurityGroupRules?.length, p2.SecurityGroupRules?.length, p2.NextToken]).toEqual([5, 1, undefined]);
    expect(new Set([...(p1.SecurityGroupRules ?? []), ...(p2.SecurityGroupRules ?? [])].map((r) => r.SecurityGroupRuleId)).size).toBe(6);
    // MaxResults is 5 to 1000 (EC2 API reference).
    expect((await awsError(prod.send(new DescribeSecurityGroupRulesCommand({ MaxResults: 4 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(prod.send(new DescribeSecurityGroupRulesCommand({ DryRun: true })))).code).toBe('DryRunOperation');
  });

  it('tags a rule through CreateTags and DeleteTags, and DescribeTags lists it as a security-group-rule', async () => {
    const id = await group('tags');
    const rule = (await rulesOf(id))[0]?.SecurityGroupRuleId as string;
    await prod.send(new CreateTagsCommand({ Resources: [rule], Tags: [{ Key: 'Owner', Value: 'net' }] }));
    expect((await prod.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:Owner', Values: ['net'] }] }))).SecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toEqual([
      rule,
    ]);
    const seen = await prod.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [rule] }] }));
    expect(seen.Tags).toEqual([{ Key: 'Owner', ResourceId: rule, ResourceType: 'security-group-rule', Value: 'net' }]);
    await prod.send(new DeleteTagsCommand({ Resources: [rule], Tags: [{ Key: 'Owner' }] }));
    expect((await rulesOf(id))[0]?.Tags).toEqual([]);
    expect((await awsError(prod.send(new CreateTagsCommand({ Resources: ['sgr-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe(
      'InvalidSecurityGroupRuleId.NotFound',
    );
    expect((await awsError(dev.send(new CreateTagsCommand({ Resources: [rule], Tags: [{ Key: 'a', Value: 'b' }] })))).code).toBe('InvalidSecurityGroupRuleId.NotFound');
  });
});

describe('ModifySecurityGroupRules', () => {
  it('changes a rule in place: same id, direction and tags, new protocol, ports, peer and description', async () => {
    const id = await group('modify');
    const peer = await group('modify-peer');
    const tagged = { TagSpecifications: [{ ResourceType: 'security-group-rule' as const, Tags: [{ Key: 'k', Value: 'v' }] }] };
    const rule = (await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(443, '10.2.0.0/16')], ...tagged }))).SecurityGroupRules?.[0]
      ?.SecurityGroupRuleId as string;
    const out = await prod.send(
      new ModifySecurityGroupRulesCommand({
        GroupId: id,
        SecurityGroupRules: [{ SecurityGroupRuleId: rule, SecurityGroupRule: { IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIpv4: '10.4.0.0/16', Description: 'dns' } }],
      }),
    );
    expect(out.Return).toBe(true);
    const [changed] = (await prod.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule] }))).SecurityGroupRules ?? [];
    expect(changed).toMatchObject({ SecurityGroupRuleId: rule, IsEgress: false, IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIpv4: '10.4.0.0/16', Description: 'dns', Tags: [{ Key: 'k', Value: 'v' }] });
    expect((await prod.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0]?.IpPermissions).toEqual([
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.4.0.0/16', Description: 'dns' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    await prod.send(new ModifySecurityGroupRulesCommand({ GroupId: id, SecurityGroupRules: [{ SecurityGroupRuleId: rule, SecurityGroupRule: { IpProtocol: '-1', ReferencedGroupId: peer } }] }));
    const [toGroup] = (await prod.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule] }))).SecurityGroupRules ?? [];
    expect(toGroup).toMatchObject({ IpProtocol: '-1', FromPort: -1, ToPort: -1, ReferencedGroupInfo: { GroupId: peer, UserId: PROD } });
    expect(toGroup?.CidrIpv4).toBeUndefined();
  });

  it('refuses two peers, no peer, an unknown rule, a rule of another group and a duplicate', async () => {
    const id = await group('modify-errors');
    const other = await group('modify-other');
    const [first, second] = (await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(1, '10.5.0.0/16'), tcp(2, '10.5.0.0/16')] })))
      .SecurityGroupRules as SecurityGroupRule[];
    const modify = (groupId: string, ruleId: string, rule: Record<string, unknown>) =>
      prod.send(new ModifySecurityGroupRulesCommand({ GroupId: groupId, SecurityGroupRules: [{ SecurityGroupRuleId: ruleId, SecurityGroupRule: rule }] }));
    expect((await awsError(modify(id, first?.SecurityGroupRuleId as string, { IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIpv4: '10.6.0.0/16', CidrIpv6: '::/0' }))).code).toBe(
      'InvalidParameterCombination',
    );
    expect((await awsError(modify(id, first?.SecurityGroupRuleId as string, { IpProtocol: 'tcp', FromPort: 1, ToPort: 1 }))).code).toBe('MissingParameter');
    expect((await awsError(modify(id, 'sgr-0123456789abcdef0', { IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIpv4: '10.6.0.0/16' }))).code).toBe(
      'InvalidSecurityGroupRuleId.NotFound',
    );
    expect((await awsError(modify(other, first?.SecurityGroupRuleId as string, { IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIpv4: '10.6.0.0/16' }))).code).toBe(
      'InvalidSecurityGroupRuleId.NotFound',
    );
    const dup = await awsError(modify(id, first?.SecurityGroupRuleId as string, { IpProtocol: 'tcp', FromPort: 2, ToPort: 2, CidrIpv4: '10.5.0.0/16' }));
    expect(dup.code).toBe('InvalidPermission.Duplicate');
    expect((await awsError(modify(id, second?.SecurityGroupRuleId as string, { IpProtocol: 'tcp', FromPort: 9, ToPort: 1, CidrIpv4: '10.6.0.0/16' }))).code).toBe('InvalidParameterValue');
    // Nothing changed.
    expect((await rulesOf(id)).filter((r) => !r.IsEgress).map((r) => [r.FromPort, r.CidrIpv4])).toEqual(
      expect.arrayContaining([
        [1, '10.5.0.0/16'],
        [2, '10.5.0.0/16'],
      ]),
    );
  });
});
