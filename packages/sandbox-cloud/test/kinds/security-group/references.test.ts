/** Security groups referenced across a peering, through the real AWS SDK:
 * DescribeSecurityGroupReferences (which peered VPCs reference my groups), DescribeStaleSecurityGroups
 * (rules left pointing across a peering that ended, or at a group its owner deleted), and a
 * referenced group that its owner may delete while peer VPCs still reference it. */
import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeSecurityGroupReferencesCommand,
  DescribeSecurityGroupsCommand,
  DescribeStaleSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const DEV = '777788889999';
let sb: SandboxHandle;
let prod: EC2Client;
let dev: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  prod = ec2(sb, 'sandbox-prod');
  dev = ec2(sb, 'sandbox-dev');
});
afterAll(async () => sb.stop());

let nextBlock = 10;
async function vpc(client: EC2Client): Promise<string> {
  return (await client.send(new CreateVpcCommand({ CidrBlock: `10.${nextBlock++}.0.0/16` }))).Vpc?.VpcId as string;
}

async function group(client: EC2Client, vpcId: string, name: string): Promise<string> {
  return (await client.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} group`, VpcId: vpcId }))).GroupId as string;
}

async function peer(mine: string, theirs: string): Promise<string> {
  const id = (await prod.send(new CreateVpcPeeringConnectionCommand({ VpcId: mine, PeerVpcId: theirs, PeerOwnerId: DEV }))).VpcPeeringConnection
    ?.VpcPeeringConnectionId as string;
  await dev.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
  return id;
}

const ssh = (groupId: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: groupId, UserId: DEV }] });

async function stale(vpcId: string) {
  return (await prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: vpcId }))).StaleSecurityGroupSet ?? [];
}

async function references(groupId: string) {
  return (await dev.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [groupId] }))).SecurityGroupReferenceSet ?? [];
}

describe('DescribeSecurityGroupReferences', () => {
  it('names the peered VPCs whose groups reference mine, over active peerings only', async () => {
    const mine = await vpc(prod);
    const theirs = await vpc(dev);
    const api = await group(dev, theirs, 'api');
    const unused = await group(dev, theirs, 'unused');
    const pcx = await peer(mine, theirs);
    const web = await group(prod, mine, 'web');
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh(api)] }));
    const out = await dev.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [api, unused] }));
    expect(out.SecurityGroupReferenceSet).toEqual([{ GroupId: api, ReferencingVpcId: mine, VpcPeeringConnectionId: pcx }]);
    // The referencing side sees nothing of its own referenced.
    expect((await prod.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [web] }))).SecurityGroupReferenceSet).toEqual([]);
    await prod.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    expect(await references(api)).toEqual([]);
  });

  it('refuses groups that are not the caller\'s, unknown and malformed ids, and a missing GroupId', async () => {
    const theirs = await vpc(dev);
    const api = await group(dev, theirs, 'api');
    expect((await awsError(prod.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [api] })))).code).toBe('InvalidGroup.NotFound');
    const unknown = await awsError(dev.send(new DescribeSecurityGroupReferencesCommand({ GroupId: ['sg-0123456789abcdef0'] })));
    expect(unknown).toMatchObject({ code: 'InvalidGroup.NotFound', message: "The security group 'sg-0123456789abcdef0' does not exist" });
    expect((await awsError(dev.send(new DescribeSecurityGroupReferencesCommand({ GroupId: ['sg-zz'] })))).code).toBe('InvalidGroupId.Malformed');
    expect((await awsError(dev.send(new DescribeSecurityGroupReferencesCommand({} as never)))).code).toBe('MissingParameter');
    expect((await awsError(dev.send(new DescribeSecurityGroupReferencesCommand({ GroupId: [api], DryRun: true })))).code).toBe('DryRunOperation');
  });
});

describe('DescribeStaleSecurityGroups', () => {
  it('lists the rules left pointing across a deleted peering, with the peering named, until a new peering joins the VPCs again', async () => {
    const mine = await vpc(prod);
    const theirs = await vpc(dev);
    const api = await group(dev, theirs, 'api');
    const pcx = await peer(mine, theirs);
    const web = await group(prod, mine, 'web');
    const out = await group(prod, mine, 'out');
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh(api), { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
    await prod.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: out, IpPermissions: [ssh(api)] }));
    expect(await stale(mine)).toEqual([]);

    await dev.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    const pair = { GroupId: api, GroupName: 'api', UserId: DEV, VpcId: theirs, VpcPeeringConnectionId: pcx, PeeringStatus: 'deleted' };
    // The VPC Peering Guide's example answer, in order of group id; only the stale rules.
    expect(await stale(mine)).toEqual(
      [
        { Description: 'web group', GroupId: web, GroupName: 'web', StaleIpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [pair] }], StaleIpPermissionsEgress: [], VpcId: mine },
        { Description: 'out group', GroupId: out, GroupName: 'out', StaleIpPermissions: [], StaleIpPermissionsEgress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [pair] }], VpcId: mine },
      ].sort((a, b) => a.GroupId.localeCompare(b.GroupId)),
    );

    // "If a security group rule was stale because the VPC peering connection was deleted and you
    // then create a new VPC peering connection with the same VPCs, it will no longer be marked as stale."
    const again = await peer(mine, theirs);
    expect(await stale(mine)).toEqual([]);
    const seen = (await prod.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] }))).SecurityGroups?.[0]?.IpPermissions?.find((p) => p.FromPort === 22);
    expect(seen?.UserIdGroupPairs).toEqual([{ GroupId: api, UserId: DEV, VpcId: theirs, VpcPeeringConnectionId: again, PeeringStatus: 'active' }]);
    expect(await references(api)).toEqual([{ GroupId: api, ReferencingVpcId: mine, VpcPeeringConnectionId: again }]);
  });

  it('lets the peer delete a group my rules reference, and lists those rules stale without its account and name', async () => {
    const mine = await vpc(prod);
    const theirs = await vpc(dev);
    const api = await group(dev, theirs, 'api');
    const pcx = await peer(mine, theirs);
    const web = await group(prod, mine, 'web');
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh(api)] }));
    await dev.send(new DeleteSecurityGroupCommand({ GroupId: api }));
    const [g] = await stale(mine);
    expect(g?.StaleIpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: api, VpcId: theirs, VpcPeeringConnectionId: pcx, PeeringStatus: 'active' }] },
    ]);
    // The stale rule is revoked like any other, and the group is no longer stale.
    await prod.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh(api)] }));
    expect(await stale(mine)).toEqual([]);
  });

  it('keeps a group that another group of its own VPC references', async () => {
    const mine = await vpc(prod);
    const app = await group(prod, mine, 'app');
    const web = await group(prod, mine, 'web');
    await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: app }] }] }));
    const refused = await awsError(prod.send(new DeleteSecurityGroupCommand({ GroupId: app })));
    expect(refused).toMatchObject({ code: 'DependencyViolation', message: `resource ${app} has a dependent object (referenced by ${web})` });
    expect(await stale(mine)).toEqual([]);
  });

  it('pages (MaxResults 5 to 255) and names an unknown VPC', async () => {
    const mine = await vpc(prod);
    const theirs = await vpc(dev);
    const api = await group(dev, theirs, 'api');
    const pcx = await peer(mine, theirs);
    for (let i = 0; i < 6; i++) {
      const g = await group(prod, mine, `paged-${i}`);
      await prod.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [ssh(api)] }));
    }
    await prod.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    const p1 = await prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine, MaxResults: 5 }));
    const p2 = await prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine, MaxResults: 5, NextToken: p1.NextToken }));
    expect([p1.StaleSecurityGroupSet?.length, p2.StaleSecurityGroupSet?.length, p2.NextToken]).toEqual([5, 1, undefined]);
    expect((await awsError(prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine, MaxResults: 256 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine, MaxResults: 4 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: 'vpc-0123456789abcdef0' })))).code).toBe('InvalidVpcID.NotFound');
    // Another account's VPC is not the caller's.
    expect((await awsError(dev.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine })))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(prod.send(new DescribeStaleSecurityGroupsCommand({ VpcId: mine, DryRun: true })))).code).toBe('DryRunOperation');
  });
});
