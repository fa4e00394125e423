/** State files: every kind's list under its key, a faithful round trip, and a damaged list named. */
import type {
  CreateNetworkInterfaceResult,
  CreateSubnetResult,
  CreateVpcResult,
  DescribeDhcpOptionsResult,
  DescribeInstancesResult,
  DescribeSubnetsResult,
  Reservation,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { runEc2Action } from '../../src/ec2/dispatch';
import { KIND_LIST } from '../../src/kinds';
import { resolveScenario } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/load';
import { assertWorldData, worldFromData, worldToData } from '../../src/state/persist';
import { World } from '../../src/state/world';

const clock = (): number => Date.parse('2026-12-01T00:00:00Z');

function demoWorld(): World {
  const world = new World(clock, { scenario: 'demo', seed: 'demo' });
  loadScenario(world, resolveScenario('demo'));
  return world;
}

describe('state files', () => {
  it('list every kind under its key, and read back into the same world', () => {
    const data = worldToData(demoWorld());
    const lists = KIND_LIST.map((k) => (data as unknown as Record<string, unknown[]>)[k.state.key]);
    for (const [i, list] of lists.entries()) expect(Array.isArray(list), KIND_LIST[i]?.state.key).toBe(true);
    // The demo has every kind it had when state files began.
    for (const key of ['vpcs', 'subnets', 'routeTables', 'securityGroups', 'peerings'] as const) expect(data[key].length, key).toBeGreaterThan(0);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    expect(again.byId.size + again.peerings.size).toBe(lists.reduce((n, list) => n + (list?.length ?? 0), 0));
  });

  it('refuse a file whose list of a kind is missing, naming it (kinds added later may be missing, but not damaged)', () => {
    for (const k of KIND_LIST) {
      const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
      const message = `state.json is damaged: "${k.state.key}" is not a list. Reset the sandbox to start over.`;
      delete data[k.state.key];
      if (k.state.addedLater) {
        expect(() => assertWorldData(data, 'state.json')).not.toThrow();
        data[k.state.key] = 'none';
      }
      expect(() => assertWorldData(data, 'state.json')).toThrow(message);
    }
  });

  it('read a file written before DHCP options sets: each VPC names its region\'s default set, which DescribeDhcpOptions lists', () => {
    const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete data.dhcpOptions;
    assertWorldData(data, 'old.json');
    const world = worldFromData(data, clock);
    const before = worldToData(world);
    const [vpc] = before.vpcs;
    const out = runEc2Action(world, vpc?.ownerId as string, vpc?.region as string, 'DescribeDhcpOptions', {}, 'r1') as DescribeDhcpOptionsResult;
    expect(out.DhcpOptions?.map((d) => d.DhcpOptionsId)).toEqual([vpc?.dhcpOptionsId]);
    expect(worldToData(world).dhcpOptions.map((d) => d.id)).toEqual([vpc?.dhcpOptionsId]);
  });

  it('keep interfaces and instances: the subnet counts and the next free address carry over, and files written before them load', () => {
    const world = demoWorld();
    const [owner, region] = ['111122223333', 'eu-central-1'];
    const act = <T>(action: Parameters<typeof runEc2Action>[3], input: Record<string, unknown>, w = world): T =>
      runEc2Action(w, owner, region, action, input, 'r') as T;
    const vpc = act<CreateVpcResult>('CreateVpc', { CidrBlock: '10.77.0.0/16' }).Vpc?.VpcId;
    const subnet = act<CreateSubnetResult>('CreateSubnet', { VpcId: vpc, CidrBlock: '10.77.1.0/24' }).Subnet?.SubnetId as string;
    act<Reservation>('RunInstances', { ImageId: 'ami-12345678', MinCount: 2, MaxCount: 2, SubnetId: subnet });
    act<CreateNetworkInterfaceResult>('CreateNetworkInterface', { SubnetId: subnet, SecondaryPrivateIpAddressCount: 1 });
    const data = worldToData(world);
    expect([data.networkInterfaces.length, data.instances.length]).toEqual([3, 2]);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    const free = (w: World) => act<DescribeSubnetsResult>('DescribeSubnets', { SubnetIds: [subnet] }, w).Subnets?.[0]?.AvailableIpAddressCount;
    expect(free(again)).toBe(247);
    // The addresses in use are known again after loading: the next interface takes .8.
    expect(act<CreateNetworkInterfaceResult>('CreateNetworkInterface', { SubnetId: subnet }, again).NetworkInterface?.PrivateIpAddress).toBe('10.77.1.8');
    const old = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete old.networkInterfaces;
    delete old.instances;
    assertWorldData(old, 'old.json');
    const fromOld = worldFromData(old as unknown as ReturnType<typeof worldToData>, clock);
    const oldSubnet = worldToData(fromOld).subnets[0];
    const launched = runEc2Action(fromOld, oldSubnet?.ownerId as string, oldSubnet?.region as string, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: oldSubnet?.id }, 'r') as Reservation;
    const described = runEc2Action(fromOld, oldSubnet?.ownerId as string, oldSubnet?.region as string, 'DescribeInstances', {}, 'r') as DescribeInstancesResult;
    expect(described.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(launched.Instances?.[0]?.InstanceId);
  });
});
