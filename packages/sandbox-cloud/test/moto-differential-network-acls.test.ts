/** Differential tests, the sandbox against moto 5.2.1 as moto-ec2.ts starts them, of network ACLs: the
 * default ACL of VPCs and subnets, entries, associations, and where moto departs from AWS. */
import {
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteVpcCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import { expect, it } from 'vitest';

import { describeWithVpcs, aclRule, codeAndStatus } from './moto-ec2';
import { both, code, named } from './moto-targets';

describeWithVpcs('sandbox and moto agree on network ACLs', (targets) => {
  it('gives VPCs and subnets their default network ACL alike, and runs entries and associations alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'n1');
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.70.1.0/24' }))).Subnet?.SubnetId as string;
      t.names.set(subnet, 'n1-a');
      const acls = async (filters: { Name: string; Values: string[] }[]) => (await c.send(new DescribeNetworkAclsCommand({ Filters: filters }))).NetworkAcls ?? [];
      const [def] = await acls([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'default', Values: ['true'] }]);
      const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: vpc }))).NetworkAcl?.NetworkAclId as string;
      const entry = (n: number, egress: boolean) =>
        c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: custom, RuleNumber: n, Egress: egress, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/8', PortRange: { From: 443, To: 443 } }));
      await entry(100, false);
      await entry(100, true);
      const dup = await code(entry(100, false));
      const moved = await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: def?.Associations?.[0]?.NetworkAclAssociationId, NetworkAclId: custom }));
      const inUse = await code(c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom })));
      const [after] = await acls([{ Name: 'association.subnet-id', Values: [subnet] }]);
      await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: def?.NetworkAclId }));
      await c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: custom, RuleNumber: 100, Egress: true }));
      const entries = (await c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [custom] }))).NetworkAcls?.[0]?.Entries?.filter((e) => (e.RuleNumber ?? 0) < 32767).map(aclRule);
      await c.send(new DeleteNetworkAclCommand({ NetworkAclId: custom }));
      return {
        defaultEntries: def?.Entries?.map(aclRule),
        defaultSubnets: def?.Associations?.map((a) => named(t, a.SubnetId)),
        associationId: /^aclassoc-/.test(def?.Associations?.[0]?.NetworkAclAssociationId ?? ''),
        dup,
        movedTo: after?.NetworkAclId === custom,
        inUse,
        entries,
      };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({
      defaultEntries: ['out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0'],
      defaultSubnets: ['n1-a'],
      dup: 'NetworkAclEntryAlreadyExists',
      movedTo: true,
      inUse: 'DependencyViolation',
      entries: ['in 100 allow 6 10.0.0.0/8 443-443'],
    });
  });

  it('differs on network ACLs where moto departs from AWS, and the sandbox follows AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const v4 = (await c.send(new CreateVpcCommand({ CidrBlock: '10.71.0.0/16' }))).Vpc?.VpcId as string;
      const v6 = (await c.send(new CreateVpcCommand({ CidrBlock: '10.72.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;
      const defaultOf = async (vpc: string) =>
        (await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'default', Values: ['true'] }] }))).NetworkAcls?.[0];
      const custom = (await c.send(new CreateNetworkAclCommand({ VpcId: v4 }))).NetworkAcl;
      const ipv6Default = (await defaultOf(v6))?.Entries?.map(aclRule);
      const missingEntry = await codeAndStatus(c.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: custom?.NetworkAclId, RuleNumber: 42, Egress: false })));
      const unknownAcl = await code(c.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0123456789abcdef0'] })));
      const vpcWithAcl = await code(c.send(new DeleteVpcCommand({ VpcId: v4 })));
      const deleteDefault = await code(c.send(new DeleteNetworkAclCommand({ NetworkAclId: (await defaultOf(v6))?.NetworkAclId })));
      return { customEntries: custom?.Entries?.map(aclRule), ipv6Default, missingEntry, unknownAcl, vpcWithAcl, deleteDefault };
    });
    // "Control subnet traffic with network ACLs" (Amazon VPC user guide): a custom network ACL
    // denies all traffic until rules are added, through the * rules it starts with; the
    // CreateNetworkAcl example of the EC2 API reference shows them (32767 deny, both ways).
    expect(s.customEntries).toEqual(['out 32767 deny -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0']);
    expect(m.customEntries).toEqual([]);
    // "Default network ACL" (same guide): with an IPv6 block, rules 101 (allow ::/0) and * (deny
    // ::/0) are there in both directions. moto's default ACL has the IPv4 rules only.
    expect(s.ipv6Default).toEqual([
      'out 100 allow -1 0.0.0.0/0',
      'out 101 allow -1 ::/0',
      'out 32767 deny -1 0.0.0.0/0',
      'out 32768 deny -1 ::/0',
      'in 100 allow -1 0.0.0.0/0',
      'in 101 allow -1 ::/0',
      'in 32767 deny -1 0.0.0.0/0',
      'in 32768 deny -1 ::/0',
    ]);
    expect(m.ipv6Default).toEqual(['out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0']);
    // "Error codes for the Amazon EC2 API": InvalidNetworkAclEntry.NotFound, "The specified
    // network ACL entry does not exist"; moto fails with HTTP 500 (an HTML page, no AWS error).
    expect(s.missingEntry).toEqual({ code: 'InvalidNetworkAclEntry.NotFound', status: 400 });
    expect(m.missingEntry.status).toBe(500);
    // Same page: InvalidNetworkAclID.NotFound; moto answers with the route table's code.
    expect(s.unknownAcl).toBe('InvalidNetworkAclID.NotFound');
    expect(m.unknownAcl).toBe('InvalidRouteTableID.NotFound');
    // DeleteVpc: "you must ... delete or detach any resources that are associated with the VPC"
    // other than its defaults; moto deletes a VPC that still has a network ACL made in it.
    expect(s.vpcWithAcl).toBe('DependencyViolation');
    expect(m.vpcWithAcl).toBe('no error');
    // DeleteNetworkAcl: "You can't delete the default network ACL." moto deletes it.
    expect(s.deleteDefault).toBe('InvalidParameterValue');
    expect(m.deleteDefault).toBe('no error');
  });
});
