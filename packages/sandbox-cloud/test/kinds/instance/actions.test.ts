/** Instances through the real AWS SDK: RunInstances with a subnet and groups (or network interface
 * specifications, or the default VPC), each instance's primary interface, MinCount/MaxCount against
 * the subnet's free addresses, pending → running, shutting-down → terminated (shown an hour, then
 * gone), stop and start, DescribeInstances' reservations, filters and pages, DescribeInstanceStatus,
 * with AWS's codes and words. */
import {
  AttachNetworkInterfaceCommand,
  CreateDefaultVpcCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandInput,
  DescribeInstanceStatusCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  type Instance,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const HOUR = 3_600_000;
const AMI = 'ami-0abcdef1234567890';
let now = Date.parse('2026-03-02T10:00:00Z');
let sb: SandboxHandle;
let c: EC2Client;
let vpcCounter = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty', clock: () => now });
  c = ec2(sb, 'sandbox-network');
});
afterAll(async () => sb.stop());

/** A fresh VPC 10.<n>.0.0/16 with a subnet 10.<n>.1.0/<prefix> in us-east-1a. */
async function network(prefix = 24): Promise<{ vpc: string; subnet: string; base: string; block: (third: number) => string }> {
  const n = 100 + vpcCounter++;
  const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }))).Vpc?.VpcId as string;
  const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.${n}.1.0/${prefix}`, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
  return { vpc, subnet, base: `10.${n}.1`, block: (third) => `10.${n}.${third}.0/24` };
}

async function run(input: Partial<RunInstancesCommandInput>): Promise<Instance[]> {
  return (await c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, ...input }))).Instances ?? [];
}

async function describe1(id: string): Promise<Instance | undefined> {
  return (await c.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
}

async function freeCount(subnet: string): Promise<number | undefined> {
  return (await c.send(new DescribeSubnetsCommand({ SubnetIds: [subnet] }))).Subnets?.[0]?.AvailableIpAddressCount;
}

async function instanceIds(input: DescribeInstancesCommandInput): Promise<string[]> {
  const out = await c.send(new DescribeInstancesCommand(input));
  return (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId as string)).sort();
}

describe('RunInstances', () => {
  it('launches into a subnet with groups: pending in the answer, running after, each with its primary interface', async () => {
    const { vpc, subnet, base } = await network();
    const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
    const out = await c.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 't3.micro',
        MinCount: 2,
        MaxCount: 2,
        SubnetId: subnet,
        SecurityGroupIds: [web],
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'app' }] },
          { ResourceType: 'network-interface', Tags: [{ Key: 'Role', Value: 'app-nic' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'Backup', Value: 'daily' }] },
        ],
      }),
    );
    expect(out.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    expect(out.OwnerId).toBe('111122223333');
    expect(out.Instances?.map((i) => [i.State?.Name, i.State?.Code, i.AmiLaunchIndex, i.PrivateIpAddress])).toEqual([
      ['pending', 0, 0, `${base}.4`],
      ['pending', 0, 1, `${base}.5`],
    ]);
    const first = out.Instances?.[0] as Instance;
    expect(first).toMatchObject({
      ImageId: AMI,
      InstanceType: 't3.micro',
      SubnetId: subnet,
      VpcId: vpc,
      Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' },
      PrivateDnsName: `ip-${base.replaceAll('.', '-')}-4.ec2.internal`,
      SecurityGroups: [{ GroupId: web, GroupName: 'web' }],
      SourceDestCheck: true,
      Tags: [{ Key: 'Name', Value: 'app' }],
    });
    expect(first.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(first.NetworkInterfaces).toHaveLength(1);
    expect(first.NetworkInterfaces?.[0]).toMatchObject({
      Attachment: { DeviceIndex: 0, DeleteOnTermination: true, Status: 'attached' },
      PrivateIpAddress: `${base}.4`,
      Status: 'in-use',
      SubnetId: subnet,
      Groups: [{ GroupId: web, GroupName: 'web' }],
    });
    expect((await describe1(first.InstanceId as string))?.State).toEqual({ Code: 16, Name: 'running' });
    const nic = (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [first.NetworkInterfaces?.[0]?.NetworkInterfaceId as string] })))
      .NetworkInterfaces?.[0];
    expect(nic?.Attachment?.InstanceId).toBe(first.InstanceId);
    expect(nic?.TagSet).toEqual([{ Key: 'Role', Value: 'app-nic' }]);
    expect(await freeCount(subnet)).toBe(249);
  });

  it('answers a second launch with the same ClientToken with the first reservation, launching nothing', async () => {
    const { subnet } = await network();
    const first = await c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, ClientToken: 'launch-1' }));
    const again = await c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, ClientToken: 'launch-1' }));
    expect(again.ReservationId).toBe(first.ReservationId);
    expect(again.Instances?.map((i) => i.InstanceId)).toEqual(first.Instances?.map((i) => i.InstanceId));
    expect(await freeCount(subnet)).toBe(250);
  });

  it('launches as many as the subnet has addresses for, MinCount at least', async () => {
    const { subnet } = await network(28);
    await c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, SecondaryPrivateIpAddressCount: 7 }));
    // 11 addresses, 8 taken: 3 left.
    const full = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 4, MaxCount: 5, SubnetId: subnet })));
    expect([full.code, full.message]).toEqual([
      'InsufficientFreeAddressesInSubnet',
      `There are not enough free addresses in subnet '${subnet}' to satisfy the requested number of instances.`,
    ]);
    expect(await freeCount(subnet)).toBe(3);
    expect(await run({ MinCount: 2, MaxCount: 5, SubnetId: subnet })).toHaveLength(3);
    expect(await freeCount(subnet)).toBe(0);
  });

  it('checks a named address as AWS words it for a launch', async () => {
    const { subnet, base } = await network();
    expect((await run({ SubnetId: subnet, PrivateIpAddress: `${base}.20` }))[0]?.PrivateIpAddress).toBe(`${base}.20`);
    const inUse = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, PrivateIpAddress: `${base}.20` })));
    expect([inUse.code, inUse.message]).toEqual(['InvalidIPAddress.InUse', `Address ${base}.20 is in use.`]);
    const outside = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, PrivateIpAddress: '172.31.0.16' })));
    expect([outside.code, outside.message]).toEqual(['InvalidParameterValue', "Address 172.31.0.16 does not fall within the subnet's address range"]);
  });

  it('takes network interface specifications: a new interface per instance, or an existing one as the primary', async () => {
    const { subnet, block, vpc } = await network();
    const two = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: block(2), AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    const [multi] = await run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: subnet },
        { DeviceIndex: 1, SubnetId: two, DeleteOnTermination: false, Description: 'second' },
      ],
    });
    expect(multi?.NetworkInterfaces?.map((n) => [n.Attachment?.DeviceIndex, n.SubnetId, n.Attachment?.DeleteOnTermination, n.Description])).toEqual([
      [0, subnet, true, ''],
      [1, two, false, 'second'],
    ]);
    const existing = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet }))).NetworkInterface?.NetworkInterfaceId as string;
    const [onExisting] = await run({ NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: existing }] });
    expect(onExisting?.NetworkInterfaces?.[0]).toMatchObject({ NetworkInterfaceId: existing, Attachment: { DeleteOnTermination: false } });
    const inUse = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: existing }] })));
    expect([inUse.code, inUse.message]).toEqual(['InvalidNetworkInterface.InUse', `Interface: [${existing}] in use.`]);
    const both = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet }] })));
    expect([both.code, both.message]).toEqual(['InvalidParameterCombination', 'Network interfaces and an instance-level subnet ID may not be specified on the same request']);
  });

  it("launches into the default VPC's default subnet when no subnet is named, and refuses without a default VPC", async () => {
    const dublin = ec2(sb, 'sandbox-network', 'eu-west-1');
    const none = await awsError(dublin.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1 })));
    expect(none.code).toBe('VPCIdNotSpecified');
    const vpc = (await dublin.send(new CreateDefaultVpcCommand({}))).Vpc?.VpcId;
    const [i] = (await dublin.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: 'eu-west-1b' } }))).Instances ?? [];
    expect(i).toMatchObject({ VpcId: vpc, Placement: { AvailabilityZone: 'eu-west-1b' }, SecurityGroups: [{ GroupName: 'default' }] });
    expect(i?.PrivateDnsName).toMatch(/^ip-172-31-\d+-\d+\.eu-west-1\.compute\.internal$/);
  });

  it("refuses what AWS refuses: a malformed image id, a group of another VPC, a zone that is not the subnet's", async () => {
    const { subnet } = await network();
    const { vpc: other } = await network();
    const elsewhere = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: other }))).GroupId as string;
    const ami = await awsError(c.send(new RunInstancesCommand({ ImageId: 'image-1', MinCount: 1, MaxCount: 1, SubnetId: subnet })));
    expect([ami.code, ami.message]).toEqual(['InvalidAMIID.Malformed', 'Invalid id: "image-1" (expecting "ami-...")']);
    const group = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, SecurityGroupIds: [elsewhere] })));
    expect([group.code, group.message]).toEqual(['InvalidParameter', `Security group ${elsewhere} and subnet ${subnet} belong to different networks.`]);
    const zone = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, Placement: { AvailabilityZone: 'us-east-1c' } })));
    expect([zone.code, zone.message]).toEqual([
      'InvalidParameterValue',
      `Value (us-east-1c) for parameter availabilityZone is invalid. Subnet '${subnet}' is in the availability zone us-east-1a`,
    ]);
    expect((await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 3, MaxCount: 2, SubnetId: subnet })))).code).toBe('InvalidParameterValue');
    // A dry run checks all of it and launches nothing.
    const dry = await awsError(c.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, SubnetId: subnet, DryRun: true })));
    expect(dry.code).toBe('DryRunOperation');
    expect(await freeCount(subnet)).toBe(251);
  });
});

describe('TerminateInstances, StopInstances, StartInstances', () => {
  it('terminates: shutting-down in the answer, terminated after with no interfaces, shown for an hour, then gone', async () => {
    const { subnet } = await network();
    const [i] = await run({ SubnetId: subnet });
    const id = i?.InstanceId as string;
    const primary = i?.NetworkInterfaces?.[0]?.NetworkInterfaceId as string;
    const kept = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet }))).NetworkInterface?.NetworkInterfaceId as string;
    await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: kept, InstanceId: id, DeviceIndex: 1 }));
    expect(await freeCount(subnet)).toBe(249);
    const out = await c.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(out.TerminatingInstances).toEqual([{ InstanceId: id, CurrentState: { Code: 32, Name: 'shutting-down' }, PreviousState: { Code: 16, Name: 'running' } }]);
    const gone = await describe1(id);
    expect(gone).toMatchObject({
      State: { Code: 48, Name: 'terminated' },
      StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' },
      StateTransitionReason: 'User initiated (2026-03-02 10:00:00 GMT)',
      NetworkInterfaces: [],
      SecurityGroups: [],
      PrivateDnsName: '',
    });
    expect(gone?.SubnetId).toBeUndefined();
    expect(gone?.PrivateIpAddress).toBeUndefined();
    // The primary interface went with it; the one attached later stays, detached.
    expect((await awsError(c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [primary] })))).code).toBe('InvalidNetworkInterfaceID.NotFound');
    expect((await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [kept] }))).NetworkInterfaces?.[0]?.Status).toBe('available');
    expect(await freeCount(subnet)).toBe(250);
    // Terminating again answers terminated → terminated; stopping or starting it is refused.
    expect((await c.send(new TerminateInstancesCommand({ InstanceIds: [id] }))).TerminatingInstances?.[0]?.CurrentState?.Name).toBe('terminated');
    const stop = await awsError(c.send(new StopInstancesCommand({ InstanceIds: [id] })));
    expect([stop.code, stop.message]).toEqual(['IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be stopped.`]);
    const start = await awsError(c.send(new StartInstancesCommand({ InstanceIds: [id] })));
    expect([start.code, start.message]).toEqual(['IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be started.`]);
    now += HOUR - 1000;
    expect((await describe1(id))?.State?.Name).toBe('terminated');
    now += 2000;
    const unknown = await awsError(c.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
    expect([unknown.code, unknown.message]).toEqual(['InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`]);
    // Its subnet may go now that the kept interface is deleted too.
    await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: kept }));
    await c.send(new DeleteSubnetCommand({ SubnetId: subnet }));
  });

  it('stops and starts: stopping then stopped, pending then running, keeping its interfaces', async () => {
    const { subnet, base } = await network();
    const id = (await run({ SubnetId: subnet }))[0]?.InstanceId as string;
    expect((await c.send(new StopInstancesCommand({ InstanceIds: [id] }))).StoppingInstances).toEqual([
      { InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } },
    ]);
    const stopped = await describe1(id);
    expect(stopped?.State?.Name).toBe('stopped');
    expect(stopped?.PrivateIpAddress).toBe(`${base}.4`);
    expect((await c.send(new StopInstancesCommand({ InstanceIds: [id] }))).StoppingInstances?.[0]?.CurrentState?.Name).toBe('stopped');
    expect((await c.send(new StartInstancesCommand({ InstanceIds: [id] }))).StartingInstances).toEqual([
      { InstanceId: id, CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } },
    ]);
    const started = await describe1(id);
    expect(started?.State?.Name).toBe('running');
    expect(started?.StateReason).toBeUndefined();
  });
});

describe('DescribeInstances and DescribeInstanceStatus', () => {
  it("filters by AWS's names, groups instances in their reservations, and pages by reservation", async () => {
    const { vpc, subnet, base } = await network();
    const { subnet: other } = await network();
    const a = await run({ SubnetId: subnet, MinCount: 2, MaxCount: 2, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Tier', Value: 'web' }] }] });
    const b = await run({ SubnetId: other });
    const [a0, a1] = a.map((i) => i.InstanceId as string) as [string, string];
    const b0 = b[0]?.InstanceId as string;
    expect(await instanceIds({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] })).toEqual([a0, a1].sort());
    expect(await instanceIds({ Filters: [{ Name: 'subnet-id', Values: [other] }] })).toEqual([b0]);
    expect(await instanceIds({ Filters: [{ Name: 'instance-id', Values: [a1] }] })).toEqual([a1]);
    expect(await instanceIds({ Filters: [{ Name: 'private-ip-address', Values: [`${base}.5`] }] })).toEqual([a1]);
    expect(await instanceIds({ Filters: [{ Name: 'network-interface.network-interface-id', Values: [b[0]?.NetworkInterfaces?.[0]?.NetworkInterfaceId as string] }] })).toEqual([b0]);
    expect(await instanceIds({ Filters: [{ Name: 'tag:Tier', Values: ['web'] }] })).toEqual([a0, a1].sort());
    await c.send(new StopInstancesCommand({ InstanceIds: [a0] }));
    expect(await instanceIds({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'instance-state-name', Values: ['stopped'] }] })).toEqual([a0]);
    expect(await instanceIds({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'instance-state-code', Values: ['16'] }] })).toEqual([a1]);
    // One reservation for the two instances of one launch.
    const together = await c.send(new DescribeInstancesCommand({ InstanceIds: [a0, a1, b0] }));
    expect(together.Reservations?.map((r) => r.Instances?.length).sort()).toEqual([1, 2]);
    const combined = await awsError(c.send(new DescribeInstancesCommand({ InstanceIds: [a0], MaxResults: 5 })));
    expect([combined.code, combined.message]).toEqual(['InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults']);
    const missing = await awsError(c.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] })));
    expect([missing.code, missing.message]).toEqual(['InvalidInstanceID.NotFound', "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist"]);
    expect((await awsError(c.send(new DescribeInstancesCommand({ InstanceIds: ['i-xyz'] })))).code).toBe('InvalidInstanceID.Malformed');
    // Pages of reservations, each once.
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await c.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      expect(out.Reservations?.length).toBeLessThanOrEqual(5);
      seen.push(...(out.Reservations ?? []).map((r) => r.ReservationId as string));
      token = out.NextToken;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(5);
  });

  it('reports running instances, or every instance with IncludeAllInstances, with passing checks', async () => {
    const { subnet } = await network();
    const [up, down] = (await run({ SubnetId: subnet, MinCount: 2, MaxCount: 2 })).map((i) => i.InstanceId as string) as [string, string];
    await c.send(new StopInstancesCommand({ InstanceIds: [down] }));
    const running = await c.send(new DescribeInstanceStatusCommand({ InstanceIds: [up, down] }));
    expect(running.InstanceStatuses).toEqual([
      {
        AvailabilityZone: 'us-east-1a',
        AvailabilityZoneId: expect.any(String),
        InstanceId: up,
        InstanceState: { Code: 16, Name: 'running' },
        InstanceStatus: { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] },
        SystemStatus: { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] },
      },
    ]);
    const all = await c.send(new DescribeInstanceStatusCommand({ InstanceIds: [up, down], IncludeAllInstances: true }));
    expect(all.InstanceStatuses?.map((s) => [s.InstanceId, s.InstanceState?.Name, s.InstanceStatus?.Status]).sort()).toEqual(
      [
        [up, 'running', 'ok'],
        [down, 'stopped', 'not-applicable'],
      ].sort(),
    );
    const stopped = await c.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true, Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] }));
    expect(stopped.InstanceStatuses?.map((s) => s.InstanceId)).toContain(down);
  });
});
