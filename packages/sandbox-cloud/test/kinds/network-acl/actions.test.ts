/** Network ACLs through the real AWS SDK (and the AWS CLI): each VPC's default ACL and its rules,
 * subnets' associations, new ACLs, entries and their errors, moving a subnet, Describe's filters
 * and pages, and what deleting a VPC or a subnet does to them. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  AssociateVpcCidrBlockCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeTagsCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  type EC2Client,
  type NetworkAcl,
  type NetworkAclEntry,
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

async function vpc(cidr: string, ipv6 = false): Promise<string> {
  return (await c.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc?.VpcId as string;
}

async function subnet(vpcId: string, cidr: string): Promise<string> {
  return (await c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet?.SubnetId as string;
}

async function aclsOf(vpcId: string): Promise<NetworkAcl[]> {
  return (await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).NetworkAcls ?? [];
}

async function defaultAcl(vpcId: string): Promise<NetworkAcl> {
  return (await aclsOf(vpcId)).find((a) => a.IsDefault) as NetworkAcl;
}

async function acl(id: string): Promise<NetworkAcl> {
  return (await c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [id] }))).NetworkAcls?.[0] as NetworkAcl;
}

/** An entry as `egress number action protocol block [ports|icmp]`, to compare whole lists at a glance. */
function rule(e: NetworkAclEntry): string {
  const extra = e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : e.IcmpTypeCode ? ` icmp ${e.IcmpTypeCode.Type}/${e.IcmpTypeCode.Code}` : '';
  return `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${e.CidrBlock ?? e.Ipv6CidrBlock}${extra}`;
}

describe('the default network ACL', () => {
  it('comes with every VPC: rule 100 allows all and the * rule (32767) denies, both directions', async () => {
    const v = await vpc('10.10.0.0/16');
    const acls = await aclsOf(v);
    expect(acls).toHaveLength(1);
    const [d] = acls as [NetworkAcl];
    expect(d).toMatchObject({ IsDefault: true, VpcId: v, OwnerId: PROD, Associations: [], NetworkAclId: expect.stringMatching(/^acl-[0-9a-f]{17}$/) });
    expect(d.Entries?.map(rule)).toEqual(['out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0']);
  });

  it('has the IPv6 rules too (101 allow, 32768 deny) when the VPC has an IPv6 block', async () => {
    const d = await defaultAcl(await vpc('10.11.0.0/16', true));
    expect(d.Entries?.map(rule)).toEqual([
      'out 100 allow -1 0.0.0.0/0',
      'out 101 allow -1 ::/0',
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 100 allow -1 0.0.0.0/0',
      'in 101 allow -1 ::/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
  });

  it('gains the IPv6 rules when an IPv6 block is associated later, except in a direction whose rules were changed', async () => {
    const v = await vpc('10.12.0.0/16');
    const d = await defaultAcl(v);
    const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl as NetworkAcl;
    await c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: d.NetworkAclId, RuleNumber: 90, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '192.0.2.0/24' }));
    await c.send(new AssociateVpcCidrBlockCommand({ VpcId: v, AmazonProvidedIpv6CidrBlock: true }));
    expect((await acl(d.NetworkAclId as string)).Entries?.map(rule)).toEqual([
      'out 100 allow -1 0.0.0.0/0',
      'out 101 allow -1 ::/0',
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 90 deny -1 192.0.2.0/24',
      'in 100 allow -1 0.0.0.0/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
    expect((await acl(custom.NetworkAclId as string)).Entries?.map(rule)).toEqual([
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
  });

  it('is associated with every new subnet, under its own aclassoc- id', async () => {
    const v = await vpc('10.13.0.0/16');
    const [s1, s2] = [await subnet(v, '10.13.1.0/24'), await subnet(v, '10.13.2.0/24')];
    const d = await defaultAcl(v);
    expect(d.Associations).toEqual([
      { NetworkAclAssociationId: expect.stringMatching(/^aclassoc-[0-9a-f]{17}$/), NetworkAclId: d.NetworkAclId, SubnetId: s1 },
      { NetworkAclAssociationId: expect.stringMatching(/^aclassoc-[0-9a-f]{17}$/), NetworkAclId: d.NetworkAclId, SubnetId: s2 },
    ]);
    const bySubnet = await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [s2] }] }));
    expect(bySubnet.NetworkAcls?.map((a) => a.NetworkAclId)).toEqual([d.NetworkAclId]);
    await c.send(new DeleteSubnetCommand({ SubnetId: s1 }));
    expect((await acl(d.NetworkAclId as string)).Associations?.map((a) => a.SubnetId)).toEqual([s2]);
  });

  it('cannot be deleted (InvalidParameterValue)', async () => {
    const d = await defaultAcl(await vpc('10.14.0.0/16'));
    const e = await awsError(c.send(new DeleteNetworkAclCommand({ NetworkAclId: d.NetworkAclId })));
    expect(e).toMatchObject({ code: 'InvalidParameterValue', message: `cannot delete default network ACL ${d.NetworkAclId}` });
  });
});

describe('a new network ACL', () => {
  it('denies all traffic (the * rules only), carries its tags and is not the default', async () => {
    const v = await vpc('10.20.0.0/16', true);
    const made = (await c.send(new CreateNetworkAclCommand({ VpcId: v, TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: 'dmz' }] }] })))
      .NetworkAcl as NetworkAcl;
    expect(made).toMatchObject({ IsDefault: false, VpcId: v, Associations: [], Tags: [{ Key: 'Name', Value: 'dmz' }] });
    expect(made.Entries?.map(rule)).toEqual(['out 32767 deny -1 0.0.0.0/0', 'out 32768 deny -1 ::/0', 'in 32767 deny -1 0.0.0.0/0', 'in 32768 deny -1 ::/0']);
    expect((await awsError(c.send(new CreateNetworkAclCommand({ VpcId: 'vpc-0123456789abcdef0' })))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(c.send(new CreateNetworkAclCommand({ VpcId: v, DryRun: true })))).code).toBe('DryRunOperation');
  });

  it('takes a subnet with ReplaceNetworkAclAssociation (a new association id; the old one is gone) and not one of another VPC', async () => {
    const v = await vpc('10.21.0.0/16');
    const s = await subnet(v, '10.21.1.0/24');
    const d = await defaultAcl(v);
    const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl?.NetworkAclId as string;
    const oldAssoc = d.Associations?.[0]?.NetworkAclAssociationId as string;
    const moved = await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: oldAssoc, NetworkAclId: custom }));
    expect(moved.NewAssociationId).toMatch(/^aclassoc-[0-9a-f]{17}$/);
    expect(moved.NewAssociationId).not.toBe(oldAssoc);
    expect((await acl(custom)).Associations).toEqual([{ NetworkAclAssociationId: moved.NewAssociationId, NetworkAclId: custom, SubnetId: s }]);
    expect((await acl(d.NetworkAclId as string)).Associations).toEqual([]);
    const stale = await awsError(c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: oldAssoc, NetworkAclId: d.NetworkAclId })));
    expect(stale).toMatchObject({ code: 'InvalidAssociationID.NotFound', message: `The association ID '${oldAssoc}' does not exist` });
    const foreign = (await c.send(new CreateNetworkAclCommand({ VpcId: await vpc('10.22.0.0/16') }))).NetworkAcl?.NetworkAclId as string;
    expect((await awsError(c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: foreign })))).code).toBe(
      'InvalidParameterValue',
    );
    const back = await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: d.NetworkAclId }));
    expect((await acl(d.NetworkAclId as string)).Associations?.map((a) => [a.NetworkAclAssociationId, a.SubnetId])).toEqual([[back.NewAssociationId, s]]);
  });

  it('is deleted only once no subnet is associated with it (DependencyViolation before)', async () => {
    const v = await vpc('10.23.0.0/16');
    await subnet(v, '10.23.1.0/24');
    const d = await defaultAcl(v);
    const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl?.NetworkAclId as string;
    const moved = await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: d.Associations?.[0]?.NetworkAclAssociationId, NetworkAclId: custom }));
    const held = await awsError(c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom })));
    expect(held).toMatchObject({ code: 'DependencyViolation', message: `The networkAcl '${custom}' has dependencies and cannot be deleted.` });
    await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: d.NetworkAclId }));
    await c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom }));
    const gone = await awsError(c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [custom] })));
    expect(gone).toMatchObject({ code: 'InvalidNetworkAclID.NotFound', message: `The networkAcl ID '${custom}' does not exist` });
  });
});

describe('entries', () => {
  let id: string;
  beforeAll(async () => {
    id = (await c.send(new CreateNetworkAclCommand({ VpcId: await vpc('10.30.0.0/16', true) }))).NetworkAcl?.NetworkAclId as string;
  });

  it('store protocols by number, ports for TCP and UDP, ICMP type and code, and canonical blocks', async () => {
    const add = (input: Omit<ConstructorParameters<typeof CreateNetworkAclEntryCommand>[0], 'NetworkAclId'>) =>
      c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: id, ...input }));
    await add({ RuleNumber: 100, Egress: false, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '10.1.2.3/16', PortRange: { From: 443, To: 443 } });
    await add({ RuleNumber: 110, Egress: false, Protocol: '17', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } });
    await add({ RuleNumber: 120, Egress: false, Protocol: 'icmp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 } });
    await add({ RuleNumber: 130, Egress: false, Protocol: '58', RuleAction: 'allow', Ipv6CidrBlock: '2001:db8::/32', IcmpTypeCode: { Type: 128, Code: 0 } });
    await add({ RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1, To: 2 } });
    expect((await acl(id)).Entries?.map(rule)).toEqual([
      'out 100 allow -1 0.0.0.0/0',
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 100 allow 6 10.1.0.0/16 443-443',
      'in 110 allow 17 0.0.0.0/0 1024-65535',
      'in 120 allow 1 0.0.0.0/0 icmp 8/-1',
      'in 130 allow 58 2001:db8::/32 icmp 128/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
  });

  it('refuse a rule number already used in that direction with NetworkAclEntryAlreadyExists', async () => {
    const dup = await awsError(
      c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '10.0.0.0/8' })),
    );
    expect(dup).toMatchObject({ code: 'NetworkAclEntryAlreadyExists', message: 'The network acl entry identified by 100 already exists.' });
  });

  it('refuse rule numbers outside 1–32766, a missing block, two blocks, TCP without ports and ICMP without type', async () => {
    const base = { NetworkAclId: id, Egress: false, Protocol: '-1', RuleAction: 'allow' as const, CidrBlock: '0.0.0.0/0' };
    for (const n of [0, 32767, 40000]) {
      expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: n })))).code, String(n)).toBe('InvalidParameterValue');
    }
    const noBlock = await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, CidrBlock: undefined })));
    expect(noBlock).toMatchObject({ code: 'MissingParameter', message: "Either 'cidrBlock' or 'ipv6CidrBlock' should be provided." });
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, Ipv6CidrBlock: '::/0' })))).code).toBe('InvalidParameterCombination');
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, Protocol: '6' })))).code).toBe('MissingParameter');
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, Protocol: 'icmp' })))).code).toBe('MissingParameter');
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, Protocol: 'gre' })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand({ ...base, RuleNumber: 200, CidrBlock: '10.0.0.0/33' })))).code).toBe('InvalidParameterValue');
    const tooHigh = { ...base, RuleNumber: 200, Protocol: '6', PortRange: { From: 80, To: 70000 } };
    expect((await awsError(c.send(new CreateNetworkAclEntryCommand(tooHigh)))).code).toBe('InvalidParameterValue');
  });

  it('are replaced in place only when they exist, and deleted, never the * rules (InvalidNetworkAclEntry.NotFound, InvalidParameterValue)', async () => {
    await c.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '10.1.0.0/16', PortRange: { From: 22, To: 22 } }));
    expect((await acl(id)).Entries?.map(rule)).toContain('in 100 deny 6 10.1.0.0/16 22-22');
    const missing = await awsError(
      c.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 150, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' })),
    );
    expect(missing).toMatchObject({ code: 'InvalidNetworkAclEntry.NotFound', message: `no egress entry with number 150 in network ACL ${id}` });
    await c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 110, Egress: false }));
    const again = await awsError(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 110, Egress: false })));
    expect(again).toMatchObject({ code: 'InvalidNetworkAclEntry.NotFound', message: `no ingress entry with number 110 in network ACL ${id}` });
    expect((await awsError(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 32767, Egress: false })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: 'acl-0123456789abcdef0', RuleNumber: 1, Egress: false })))).code).toBe(
      'InvalidNetworkAclID.NotFound',
    );
    expect((await awsError(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: 'acl-nope', RuleNumber: 1, Egress: false })))).code).toBe(
      'InvalidNetworkAclId.Malformed',
    );
  });
});

describe('DescribeNetworkAcls', () => {
  let v: string;
  let tagged: string;
  beforeAll(async () => {
    v = await vpc('10.40.0.0/16');
    await subnet(v, '10.40.1.0/24');
    for (let i = 0; i < 6; i++) await c.send(new CreateNetworkAclCommand({ VpcId: v }));
    tagged = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl?.NetworkAclId as string;
    await c.send(new CreateTagsCommand({ Resources: [tagged], Tags: [{ Key: 'tier', Value: 'web' }] }));
    await c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: tagged, RuleNumber: 140, Egress: false, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 80, To: 80 } }));
  });

  const ids = async (filters: { Name: string; Values: string[] }[]): Promise<string[]> =>
    ((await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [v] }, ...filters] }))).NetworkAcls ?? []).map((a) => a.NetworkAclId as string);

  it('filters by default, association, entry fields and tags, as AWS names them', async () => {
    const d = (await defaultAcl(v)).NetworkAclId as string;
    expect(await ids([{ Name: 'default', Values: ['true'] }])).toEqual([d]);
    expect(await ids([{ Name: 'default', Values: ['false'] }])).toHaveLength(7);
    expect(await ids([{ Name: 'association.network-acl-id', Values: [d, tagged] }])).toEqual([d]);
    expect(await ids([{ Name: 'entry.protocol', Values: ['tcp'] }])).toEqual([tagged]);
    expect(await ids([{ Name: 'entry.protocol', Values: ['6'] }])).toEqual([tagged]);
    expect(await ids([{ Name: 'entry.port-range.from', Values: ['80'] }, { Name: 'entry.egress', Values: ['false'] }])).toEqual([tagged]);
    expect(await ids([{ Name: 'entry.rule-number', Values: ['100'] }, { Name: 'entry.rule-action', Values: ['allow'] }])).toEqual([d]);
    expect(await ids([{ Name: 'tag:tier', Values: ['web'] }])).toEqual([tagged]);
    expect(await ids([{ Name: 'owner-id', Values: [PROD] }])).toHaveLength(8);
    const bad = await awsError(c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'entry.colour', Values: ['red'] }] })));
    expect(bad.code).toBe('InvalidParameterValue');
  });

  it('pages with MaxResults and NextToken, and names every unknown id it was asked for', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [v] }], MaxResults: 5, NextToken: token }));
      expect((page.NetworkAcls ?? []).length).toBeLessThanOrEqual(5);
      seen.push(...(page.NetworkAcls ?? []).map((a) => a.NetworkAclId as string));
      token = page.NextToken;
    } while (token);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const unknown = await awsError(c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0123456789abcdef0', 'acl-0123456789abcdef1'] })));
    expect(unknown).toMatchObject({ code: 'InvalidNetworkAclID.NotFound', message: "The networkAcl IDs 'acl-0123456789abcdef0, acl-0123456789abcdef1' do not exist" });
    expect((await awsError(c.send(new DescribeNetworkAclsCommand({ MaxResults: 4 })))).code).toBe('InvalidParameterValue');
  });

  it('shows their tags in DescribeTags as network-acl', async () => {
    const tags = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [tagged] }] }));
    expect(tags.Tags).toEqual([{ Key: 'tier', Value: 'web', ResourceId: tagged, ResourceType: 'network-acl' }]);
  });
});

describe('DeleteVpc', () => {
  it('refuses while an ACL created in the VPC remains, then takes the default ACL along', async () => {
    const v = await vpc('10.50.0.0/16');
    const d = (await defaultAcl(v)).NetworkAclId as string;
    const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl?.NetworkAclId as string;
    const held = await awsError(c.send(new DeleteVpcCommand({ VpcId: v })));
    expect(held).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${v}' has dependencies and cannot be deleted.` });
    await c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom }));
    await c.send(new DeleteVpcCommand({ VpcId: v }));
    expect((await awsError(c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [d] })))).code).toBe('InvalidNetworkAclID.NotFound');
  });
});

const AWS = '/usr/bin/aws';

describe.skipIf(!existsSync(AWS) && !process.env.CI)('the AWS CLI', () => {
  it('creates entries with its own flags (--protocol udp, --port-range, --icmp-type-code) and reads them back', async () => {
    const v = await vpc('10.60.0.0/16');
    const id = (await c.send(new CreateNetworkAclCommand({ VpcId: v }))).NetworkAcl?.NetworkAclId as string;
    const dir = await mkdtemp(join(tmpdir(), 'nacl-cli-'));
    const files = await sb.writeAwsFiles(dir);
    const env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
    const aws = async (...args: string[]): Promise<string> =>
      (await promisify(execFile)(AWS, ['ec2', ...args, '--profile', 'sandbox-prod', '--region', 'us-east-1', '--endpoint-url', sb.endpoint, '--output', 'json'], { env })).stdout;
    await Promise.all([
      aws('create-network-acl-entry', '--network-acl-id', id, '--ingress', '--rule-number', '100', '--protocol', 'udp', '--port-range', 'From=53,To=53', '--cidr-block', '0.0.0.0/0', '--rule-action', 'allow'),
      aws('create-network-acl-entry', '--network-acl-id', id, '--egress', '--rule-number', '110', '--protocol', '1', '--icmp-type-code', 'Type=0,Code=-1', '--cidr-block', '10.0.0.0/8', '--rule-action', 'deny'),
    ]);
    const out = JSON.parse(await aws('describe-network-acls', '--network-acl-ids', id)) as { NetworkAcls: NetworkAcl[] };
    expect(out.NetworkAcls[0]?.Entries?.map(rule)).toEqual([
      'out 110 deny 1 10.0.0.0/8 icmp 0/-1',
      'out 32767 deny -1 0.0.0.0/0',
      'in 100 allow 17 0.0.0.0/0 53-53',
      'in 32767 deny -1 0.0.0.0/0',
    ]);
    const dup = await aws('create-network-acl-entry', '--network-acl-id', id, '--ingress', '--rule-number', '100', '--protocol', '-1', '--cidr-block', '0.0.0.0/0', '--rule-action', 'deny').catch(
      (e: { stderr: string }) => e.stderr,
    );
    expect(dup).toContain('(NetworkAclEntryAlreadyExists) when calling the CreateNetworkAclEntry operation: The network acl entry identified by 100 already exists.');
  });
});
