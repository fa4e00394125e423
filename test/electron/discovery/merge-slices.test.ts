/** Replacing some account × region slices of a snapshot with a rescan of just those slices. */
import type { VpcPeeringConnection, VpcPeeringConnectionStateReasonCode } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { completedSlices, replaceSlices, sliceKey } from '../../../electron/discovery/merge-slices';
import { EMPTY_RAW_REGION, toTopology, type RegionObservation } from '../../../electron/discovery/to-topology';
import type { RegionCoverage, Snapshot } from '../../../shared/model/snapshot';
import { TOPOLOGY_SCHEMA_VERSION } from '../../../shared/model/topology';

const A = '111111111111';
const B = '222222222222';
const X = '999999999999'; // an account nobody scans
const accounts = [
  { id: A, profiles: ['a'] },
  { id: B, profiles: ['b'] },
];

function pcx(id: string, status: string, requester: [string, string, string], accepter: [string, string, string], tags: Record<string, string> = {}): VpcPeeringConnection {
  const side = ([owner, vpc, region]: [string, string, string]) => ({ OwnerId: owner, VpcId: vpc, Region: region, CidrBlockSet: [{ CidrBlock: `10.${vpc.length}.0.0/16` }] });
  return {
    VpcPeeringConnectionId: id,
    Status: { Code: status as VpcPeeringConnectionStateReasonCode, Message: status },
    RequesterVpcInfo: side(requester),
    AccepterVpcInfo: side(accepter),
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

function observed(accountId: string, region: string, vpcIds: string[], peerings: VpcPeeringConnection[] = []): RegionObservation {
  return {
    accountId,
    region,
    raw: {
      ...EMPTY_RAW_REGION,
      vpcs: vpcIds.map((id, i) => ({ VpcId: id, OwnerId: accountId, CidrBlock: `10.${i}.0.0/16`, State: 'available' })),
      subnets: [],
      routeTables: vpcIds.map((id) => ({ RouteTableId: `rtb-${id.slice(4)}`, VpcId: id, OwnerId: accountId, Routes: [], Associations: [{ Main: true }] })),
      securityGroups: [],
      peerings,
    },
  } as RegionObservation;
}

function cell(profile: string, accountId: string, region: string, state: RegionCoverage['state'] = 'complete'): RegionCoverage {
  return { profile, accountId, region, state };
}

function snapshot(observations: RegionObservation[], coverage: RegionCoverage[], takenAt = '2026-01-01T00:00:00.000Z'): Snapshot {
  return { schemaVersion: TOPOLOGY_SCHEMA_VERSION, takenAt, source: 'aws', topology: toTopology(accounts, observations), coverage };
}

const AB = pcx('pcx-0ab', 'active', [A, 'vpc-0a1', 'us-east-1'], [B, 'vpc-0b1', 'eu-west-1'], { Name: 'a-to-b' });
const AX = pcx('pcx-0ax', 'active', [A, 'vpc-0a1', 'us-east-1'], [X, 'vpc-0x1', 'us-east-1']);
const base = snapshot(
  [observed(A, 'us-east-1', ['vpc-0a1'], [AB, AX]), observed(A, 'eu-west-1', ['vpc-0a2']), observed(B, 'eu-west-1', ['vpc-0b1'], [AB])],
  [{ profile: 'a', accountId: A, region: '*', state: 'complete' }, cell('a', A, 'us-east-1'), cell('a', A, 'eu-west-1'), cell('b', B, 'eu-west-1')],
);
const onlyAUsEast1 = new Set([sliceKey({ accountId: A, region: 'us-east-1' })]);

describe('replaceSlices', () => {
  it('replaces the rescanned slice and leaves every other slice as it was', () => {
    const fresh = snapshot([observed(A, 'us-east-1', ['vpc-0a1', 'vpc-0a3'], [AB, AX])], [cell('a', A, 'us-east-1')], '2026-01-02T00:00:00.000Z');
    const merged = replaceSlices(base, fresh, onlyAUsEast1);
    expect(merged.topology.vpcs.map((v) => v.id)).toEqual(['vpc-0a2', 'vpc-0a1', 'vpc-0a3', 'vpc-0b1']);
    expect(merged.topology.vpcs.filter((v) => v.region === 'eu-west-1')).toEqual(base.topology.vpcs.filter((v) => v.region === 'eu-west-1'));
    expect(merged.topology.peerings).toEqual(base.topology.peerings);
    expect(merged.coverage).toEqual(base.coverage);
    expect(merged.takenAt).toBe(fresh.takenAt);
    expect(merged.topology.accounts).toEqual(base.topology.accounts);
  });

  it("keeps an account's name and alias when a rescan did not learn them, and takes the ones it did", () => {
    const named = { ...base, topology: { ...base.topology, accounts: base.topology.accounts.map((a) => (a.id === A ? { ...a, name: 'Network', alias: 'old-alias' } : a)) } };
    const fresh = snapshot([observed(A, 'us-east-1', ['vpc-0a1'], [AB, AX])], [cell('a', A, 'us-east-1')], '2026-01-02T00:00:00.000Z');
    expect(replaceSlices(named, fresh, onlyAUsEast1).topology.accounts.find((a) => a.id === A)).toEqual({ id: A, name: 'Network', alias: 'old-alias', profiles: ['a'] });
    const renamed = { ...fresh, topology: { ...fresh.topology, accounts: fresh.topology.accounts.map((a) => (a.id === A ? { ...a, alias: 'new-alias' } : a)) } };
    expect(replaceSlices(named, renamed, onlyAUsEast1).topology.accounts.find((a) => a.id === A)).toEqual({ id: A, name: 'Network', alias: 'new-alias', profiles: ['a'] });
  });

  it("keeps an account's OU path when a rescan did not read it, and takes a new one when it did", () => {
    const placed = { ...base, topology: { ...base.topology, accounts: base.topology.accounts.map((a) => (a.id === A ? { ...a, name: 'Network', ouPath: 'Infrastructure/Network' } : a)) } };
    const fresh = snapshot([observed(A, 'us-east-1', ['vpc-0a1'], [AB, AX])], [cell('a', A, 'us-east-1')], '2026-01-02T00:00:00.000Z');
    expect(replaceSlices(placed, fresh, onlyAUsEast1).topology.accounts.find((a) => a.id === A)).toMatchObject({ name: 'Network', ouPath: 'Infrastructure/Network' });
    const moved = { ...fresh, topology: { ...fresh.topology, accounts: fresh.topology.accounts.map((a) => (a.id === A ? { ...a, ouPath: '' } : a)) } };
    expect(replaceSlices(placed, moved, onlyAUsEast1).topology.accounts.find((a) => a.id === A)?.ouPath).toBe('');
  });

  it('drops what the rescan no longer saw: a VPC, and a peering whose other side nobody scans', () => {
    const fresh = snapshot([observed(A, 'us-east-1', [], [AB])], [cell('a', A, 'us-east-1')]);
    const merged = replaceSlices(base, fresh, onlyAUsEast1);
    expect(merged.topology.vpcs.map((v) => v.id)).toEqual(['vpc-0a2', 'vpc-0b1']);
    expect(merged.topology.peerings.map((p) => p.id)).toEqual(['pcx-0ab']);
  });

  it('keeps a peering the unscanned side still reports, taking the status furthest along from the rescanned side', () => {
    const deleted = pcx('pcx-0ab', 'deleted', [A, 'vpc-0a1', 'us-east-1'], [B, 'vpc-0b1', 'eu-west-1'], { Name: 'a-to-b' });
    const fresh = snapshot([observed(A, 'us-east-1', ['vpc-0a1'], [deleted, AX])], [cell('a', A, 'us-east-1')]);
    const merged = replaceSlices(base, fresh, onlyAUsEast1);
    expect(merged.topology.peerings.find((p) => p.id === 'pcx-0ab')).toMatchObject({ status: 'deleted', name: 'a-to-b' });
    // Not seen from A any more, but B (not rescanned) still lists it: it stays, as B reported it.
    const gone = snapshot([observed(A, 'us-east-1', ['vpc-0a1'], [AX])], [cell('a', A, 'us-east-1')]);
    expect(replaceSlices(base, gone, onlyAUsEast1).topology.peerings.find((p) => p.id === 'pcx-0ab')).toEqual(base.topology.peerings.find((p) => p.id === 'pcx-0ab'));
  });

  it('counts only finished cells as scanned slices', () => {
    const fresh = snapshot([], [cell('a', A, 'us-east-1', 'failed'), cell('b', B, 'eu-west-1')]);
    expect([...completedSlices(fresh)]).toEqual([`${B}/eu-west-1`]);
  });
});
