/** Discovery against the sandbox, then `explain` on what it read: a working peering between an app
 * and a db subnet is reachable through the VPCs' default network ACLs; after a network ACL with a
 * deny is made through the SDK and associated with the db subnet, `explain` says not reachable and
 * names the ACL and the rule; a security group without the rule is named the same way, and an
 * instance run in the db subnet is an endpoint with its own group. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ReplaceNetworkAclAssociationCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { EXPLAIN_EXIT } from '../../../electron/cli/commands/explain';
import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/main';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';

const NOW = () => new Date('2026-12-07T12:00:00Z');

describe('explain on a sandbox scan: network ACLs and security groups', () => {
  let server: SandboxServer;
  let home: string;
  let env: Record<string, string>;
  let ec2: EC2Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'empty', log: () => undefined });
    home = mkdtempSync(join(tmpdir(), 'peerscape-reachability-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const account = server.accounts.find((a) => a.profile === 'sandbox-network')!;
    ec2 = new EC2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
    const c = ec2;
    const vpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    ids.app = await vpc('10.80.0.0/16');
    ids.db = await vpc('10.81.0.0/16');
    const subnet = async (vpcId: string, cidr: string) => (await c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    ids.appSubnet = await subnet(ids.app, '10.80.1.0/24');
    ids.dbSubnet = await subnet(ids.db, '10.81.1.0/24');
    ids.pcx = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: ids.app, PeerVpcId: ids.db }))).VpcPeeringConnection?.VpcPeeringConnectionId as string;
    await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: ids.pcx }));
    const mainTable = async (vpcId: string) =>
      (await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables?.[0]?.RouteTableId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: await mainTable(ids.app), DestinationCidrBlock: '10.81.0.0/16', VpcPeeringConnectionId: ids.pcx }));
    await c.send(new CreateRouteCommand({ RouteTableId: await mainTable(ids.db), DestinationCidrBlock: '10.80.0.0/16', VpcPeeringConnectionId: ids.pcx }));
    ids.appSg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: ids.app }))).GroupId as string;
    ids.dbSg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db', VpcId: ids.db }))).GroupId as string;
    await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ids.dbSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.80.0.0/16' }] }] }));
    // A group of db's that allows nothing in.
    ids.closedSg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'closed', Description: 'nothing in', VpcId: ids.db }))).GroupId as string;
  });

  afterAll(async () => {
    await server.close();
  });

  /** Scan, then run `peerscape explain --json` on the snapshot from the app subnet to `to` (db's address 10.81.1.20 by default) on tcp/5432. */
  async function explain(destinationGroup: string | null, to = '10.81.1.20'): Promise<{ code: number; x: ReachabilityExplanation }> {
    const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => undefined },
      readFile: async () => JSON.stringify(r.value),
      env: {},
      cwd: '/',
    };
    const argv = ['explain', '--snapshot', 'scan.json', ids.appSubnet!, to, '--port', '5432', '--source-sg', ids.appSg!, ...(destinationGroup ? ['--dest-sg', destinationGroup] : []), '--json'];
    const code = await runCli(argv, io);
    return { code, x: JSON.parse(stdout) as ReachabilityExplanation };
  }

  it('is reachable through the default ACLs the sandbox gives each VPC, naming their rule 100', async () => {
    const { code, x } = await explain(ids.dbSg!);
    expect(x.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(code).toBe(EXPLAIN_EXIT.reachable);
    const inbound = x.checks.find((c) => c.kind === 'destination-acl-inbound')!;
    expect(inbound.message).toMatch(/^acl-\S+ \(default\) of subnet-\S+, inbound, allows tcp\/5432 from 10\.80\.1\.0\/24 by rule 100/);
    expect(x.notes.join(' ')).not.toContain('Network ACLs');
  });

  it('is not reachable once an ACL denying the port guards the db subnet, and names the ACL and its rule', async () => {
    ids.acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: ids.db }))).NetworkAcl?.NetworkAclId as string;
    const entry = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', Protocol: string, ports?: [number, number]) =>
      ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: ids.acl, RuleNumber, Egress, RuleAction, Protocol, CidrBlock: '0.0.0.0/0', ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}) }));
    await entry(90, false, 'deny', '6', [5432, 5432]);
    await entry(100, false, 'allow', '-1');
    await entry(100, true, 'allow', '-1');
    const current = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [ids.dbSubnet!] }] }))).NetworkAcls?.[0];
    const association = current?.Associations?.find((a) => a.SubnetId === ids.dbSubnet)?.NetworkAclAssociationId as string;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association, NetworkAclId: ids.acl }));

    const { code, x } = await explain(ids.dbSg!);
    expect(code).toBe(EXPLAIN_EXIT.unreachable);
    const failing = x.checks.filter((c) => c.status === 'fail');
    expect(failing.map((c) => c.kind)).toEqual(['destination-acl-inbound']);
    expect(failing[0]!.message).toContain(`${ids.acl} of ${ids.dbSubnet}, inbound, denies tcp/5432 from 10.80.1.0/24 by rule 90 (deny 0.0.0.0/0)`);
    expect(failing[0]!.blockedBy).toEqual({ kind: 'nacl', aclId: ids.acl, direction: 'inbound', ruleNumber: 90, subnetIds: [ids.dbSubnet], protocol: 'tcp', ports: [5432, 5432], cidrs: ['10.80.1.0/24'] });
  });

  it('names the security group without the rule', async () => {
    const { code, x } = await explain(ids.closedSg!);
    expect(code).toBe(EXPLAIN_EXIT.unreachable);
    const group = x.checks.find((c) => c.kind === 'destination-ingress')!;
    expect(group.status).toBe('fail');
    expect(group.blockedBy).toEqual({ kind: 'security-group', groupIds: [ids.closedSg], direction: 'ingress', protocol: 'tcp', port: 5432, cidrs: ['10.80.1.0/24'] });
    expect(group.fix).toContain(`aws ec2 authorize-security-group-ingress --group-id ${ids.closedSg}`);
  });

  it("takes an instance as the destination, with its own group and its subnet's ACL", async () => {
    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: ids.dbSubnet, SecurityGroupIds: [ids.closedSg!] }));
    const instanceId = run.Instances?.[0]?.InstanceId as string;
    const { code, x } = await explain(null, instanceId);
    expect(code).toBe(EXPLAIN_EXIT.unreachable);
    expect(x.to).toMatchObject({ kind: 'instance', subnetIds: [ids.dbSubnet], securityGroupIds: [ids.closedSg] });
    const failing = x.checks.filter((c) => c.status === 'fail');
    expect(failing.map((c) => [c.kind, c.blockedBy?.kind])).toEqual([
      ['destination-ingress', 'security-group'],
      ['destination-acl-inbound', 'nacl'],
    ]);
    expect(x.notes).toEqual([]);
  });
});
