/** Opening older snapshots: the chain of migration steps, on its own and inside parseSnapshot. */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  LISTS_NEW_IN,
  migrateSnapshot,
  readableVersions,
  SNAPSHOT_MIGRATIONS,
  SnapshotMigrationError,
  type SnapshotData,
  type SnapshotMigration,
} from '../../../shared/model/snapshot-migrate';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { TOPOLOGY_SCHEMA_VERSION } from '../../../shared/model/topology';
import { buildAnalysisSnapshot } from '../../support/fixtures/analysis-snapshot';
import { subnet, tgwRoute, transitGateway, transitGatewayRouteTable, vpc, vpcAttachment } from '../../support/fixtures/build-topology';

const gateway = transitGateway('tgw-0123456789abcdef0', { defaultRouteTableId: 'tgw-rtb-0123456789abcdef0' });
const shared = transitGateway('tgw-0fedcba9876543210', { accountId: '333333333333', sharedWith: ['111111111111'], routing: { state: 'unread', reason: 'owner-not-scanned' } });
const app = vpc('vpc-a', '10.0.0.0/16');
const attachment = vpcAttachment('tgw-attach-0123456789abcdef0', gateway, app, [subnet('subnet-a1', app, '10.0.1.0/24')], 'tgw-rtb-0123456789abcdef0');
const routeTable = transitGatewayRouteTable('tgw-rtb-0123456789abcdef0', gateway, {
  associations: [attachment],
  propagations: [attachment],
  routes: [tgwRoute('10.0.0.0/16', [attachment], 'propagated'), tgwRoute('10.9.0.0/16', 'blackhole')],
});

/** A chain of two steps (listed out of order: the chain goes by `from`), recording what ran. */
function twoSteps(ran: number[]): SnapshotMigration[] {
  return [
    {
      from: 2,
      change: 'coverage counts move under `resources`',
      migrate: (s) => {
        ran.push(2);
        return { ...s, coverage: (s.coverage as SnapshotData[]).map(({ counts, ...c }) => ({ ...c, resources: counts })) };
      },
    },
    {
      from: 1,
      change: 'every topology gains internet gateways',
      migrate: (s) => {
        ran.push(1);
        return { ...s, topology: { ...(s.topology as SnapshotData), internetGateways: [] } };
      },
    },
  ];
}

const v1 = { schemaVersion: 1, takenAt: 't', source: 's', topology: { vpcs: [] }, coverage: [{ profile: 'p', counts: { vpcs: 1 } }] };

describe('migrateSnapshot', () => {
  it('runs every step from the snapshot’s own version up to the current one, in version order', () => {
    const ran: number[] = [];
    expect(migrateSnapshot(v1, twoSteps(ran), 3)).toEqual({
      ok: true,
      from: 1,
      data: { schemaVersion: 3, takenAt: 't', source: 's', topology: { vpcs: [], internetGateways: [] }, coverage: [{ profile: 'p', resources: { vpcs: 1 } }] },
    });
    expect(ran).toEqual([1, 2]);

    const fromTwo: number[] = [];
    const v2 = { ...v1, schemaVersion: 2 };
    const r = migrateSnapshot(v2, twoSteps(fromTwo), 3);
    expect(fromTwo).toEqual([2]);
    expect(r.ok && r.data).toMatchObject({ schemaVersion: 3, topology: { vpcs: [] } });
  });

  it('leaves a snapshot of the current version, or one with no version for validation to name, as it is', () => {
    const ran: number[] = [];
    const v3 = { ...v1, schemaVersion: 3 };
    const same = migrateSnapshot(v3, twoSteps(ran), 3);
    expect(same).toEqual({ ok: true, data: v3 });
    expect(same.ok && same.data).toBe(v3);
    expect(migrateSnapshot({ takenAt: 't' }, twoSteps(ran), 3)).toEqual({ ok: true, data: { takenAt: 't' } });
    expect(migrateSnapshot([1], twoSteps(ran), 3)).toEqual({ ok: true, data: [1] });
    expect(ran).toEqual([]);
  });

  it('refuses a newer version, one older than the chain reaches, and anything that is not a version', () => {
    const reads = { oldest: 1, current: 3 };
    expect(migrateSnapshot({ ...v1, schemaVersion: 4 }, twoSteps([]), 3)).toEqual({ ok: false, problem: 'newer', version: 4, reads });
    for (const version of [0, -1, 1.5, '1', null]) {
      expect(migrateSnapshot({ ...v1, schemaVersion: version }, twoSteps([]), 3)).toEqual({ ok: false, problem: 'unsupported', version, reads });
    }
  });

  it('opens only the versions an unbroken chain leads from', () => {
    const gap = twoSteps([]).filter((s) => s.from === 1);
    expect(readableVersions(gap, 3)).toEqual({ oldest: 3, current: 3 });
    expect(migrateSnapshot(v1, gap, 3)).toMatchObject({ ok: false, problem: 'unsupported', version: 1 });
    expect(readableVersions(twoSteps([]), 3)).toEqual({ oldest: 1, current: 3 });
  });

  it('says what a step could not read, and nothing of an unexpected error’s internals', () => {
    const refusing: SnapshotMigration = {
      from: 1,
      change: 'x',
      migrate: () => {
        throw new SnapshotMigrationError('its coverage is not a list');
      },
    };
    expect(migrateSnapshot(v1, [refusing], 2)).toEqual({ ok: false, problem: 'failed', version: 1, step: 1, message: 'its coverage is not a list' });
    const crashing: SnapshotMigration = { from: 1, change: 'x', migrate: (s) => ({ ...s, n: (s.topology as { a: { b: number } }).a.b }) };
    expect(migrateSnapshot(v1, [crashing], 2)).toEqual({ ok: false, problem: 'failed', version: 1, step: 1, message: 'it could not be brought from version 1 to 2' });
  });
});

describe('parseSnapshot through the chain', () => {
  // What a version 0 would have written: no coverage yet, and the topology under `network`.
  const fromZero: SnapshotMigration = {
    from: TOPOLOGY_SCHEMA_VERSION - 1,
    change: 'the topology moves from `network` to `topology`; coverage is new',
    migrate: ({ network, ...rest }) => ({ ...rest, topology: network, coverage: [] }),
  };
  const current = buildAnalysisSnapshot();
  const older = JSON.stringify({ schemaVersion: TOPOLOGY_SCHEMA_VERSION - 1, takenAt: current.takenAt, source: current.source, network: current.topology });

  it('opens an older snapshot as this version’s, validated like any other', () => {
    expect(parseSnapshot(older, [fromZero])).toEqual({ ok: true, snapshot: { ...current, coverage: [] } });
  });

  it('says which versions it reads when it refuses one', () => {
    const r = parseSnapshot(JSON.stringify({ ...current, schemaVersion: TOPOLOGY_SCHEMA_VERSION + 1 }), [fromZero]);
    expect(r).toEqual({
      ok: false,
      kind: 'newer-schema',
      problems: [
        `it was written by a newer Peerscape (schemaVersion ${TOPOLOGY_SCHEMA_VERSION + 1}; this one reads versions ${TOPOLOGY_SCHEMA_VERSION - 1} to ${TOPOLOGY_SCHEMA_VERSION}): upgrade Peerscape to open it`,
      ],
    });
    // Without the step, the same older file is refused with the rescan advice.
    expect(parseSnapshot(older, [])).toMatchObject({ ok: false, kind: 'unsupported-schema' });
  });

  it('names a migrated snapshot’s wrong field by its path in this version', () => {
    const broken = JSON.stringify({ schemaVersion: TOPOLOGY_SCHEMA_VERSION - 1, takenAt: 't', source: 's', network: { ...current.topology, vpcs: 'none' } });
    const r = parseSnapshot(broken, [fromZero]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['topology.vpcs: Invalid input: expected array, received string']);
  });

  it('turns a step’s refusal into a sentence with the fix', () => {
    const refusing: SnapshotMigration = {
      ...fromZero,
      migrate: () => {
        throw new SnapshotMigrationError('it has no network');
      },
    };
    expect(parseSnapshot(older, [refusing])).toEqual({
      ok: false,
      kind: 'invalid',
      problems: [`it says schemaVersion ${TOPOLOGY_SCHEMA_VERSION - 1}, but it is not what that version wrote (it has no network); rescan to make a new snapshot`],
    });
  });
});

describe('SNAPSHOT_MIGRATIONS', () => {
  it('opens every snapshot version Peerscape ever wrote: one step from each version since 1', () => {
    expect(readableVersions()).toEqual({ oldest: 1, current: TOPOLOGY_SCHEMA_VERSION });
    expect(SNAPSHOT_MIGRATIONS.map((s) => s.from).sort((a, b) => a - b)).toEqual(Array.from({ length: TOPOLOGY_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });
});

/** The lists of `topology` named in `keys`. */
function pick(topology: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(topology).filter(([k]) => keys.includes(k)));
}

/** A fixture file under test/support/fixtures/snapshots, as text and as JSON. */
function fixture(name: string): { text: string; json: { schemaVersion: number; topology: Record<string, unknown> } } {
  const text = readFileSync(new URL(`../../support/fixtures/snapshots/${name}`, import.meta.url), 'utf8');
  return { text, json: JSON.parse(text) as { schemaVersion: number; topology: Record<string, unknown> } };
}

describe('a version 1 snapshot (written before network ACLs, gateways, prefix lists, interfaces)', () => {
  const { text: file, json: v1File } = fixture('v1-analysis.json');

  it('opens at the current version with every list versions 2 to 5 added empty, and the rest as written', () => {
    expect(v1File.schemaVersion).toBe(1);
    const added = [...LISTS_NEW_IN[2], ...LISTS_NEW_IN[3], ...LISTS_NEW_IN[4], ...LISTS_NEW_IN[5]];
    for (const k of added) expect(v1File.topology).not.toHaveProperty(k);
    const r = parseSnapshot(file);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.schemaVersion).toBe(TOPOLOGY_SCHEMA_VERSION);
    for (const k of added) expect(r.snapshot.topology[k]).toEqual([]);
    const { vpcs, subnets, routeTables, securityGroups, peerings, accounts } = r.snapshot.topology;
    expect({ vpcs, subnets, routeTables, securityGroups, peerings, accounts }).toEqual(v1File.topology);
  });

  it('keeps a list a version 1 file already had (the step fills only what is absent)', () => {
    const withAcls = { ...v1File, topology: { ...v1File.topology, networkAcls: 'not a list' } };
    const r = parseSnapshot(JSON.stringify(withAcls));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['topology.networkAcls: Invalid input: expected array, received string']);
  });
});

describe('a version 2 snapshot (written before network interfaces and instances)', () => {
  const { text: file, json: v2File } = fixture('v2-analysis.json');

  it('opens at the current version with interfaces and instances empty, and its ACLs, gateways, endpoints and prefix lists as written', () => {
    expect(v2File.schemaVersion).toBe(2);
    for (const k of LISTS_NEW_IN[3]) expect(v2File.topology).not.toHaveProperty(k);
    expect(v2File.topology.networkAcls).toHaveLength(1);
    const r = parseSnapshot(file);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.schemaVersion).toBe(TOPOLOGY_SCHEMA_VERSION);
    expect(r.snapshot.topology.networkInterfaces).toEqual([]);
    expect(r.snapshot.topology.instances).toEqual([]);
    expect(r.snapshot.topology.dhcpOptions).toEqual([]);
    for (const k of LISTS_NEW_IN[5]) expect(r.snapshot.topology[k]).toEqual([]);
    expect(pick(r.snapshot.topology, Object.keys(v2File.topology))).toEqual(v2File.topology);
  });

  it('runs only the step from 2: a version 2 file without a version 2 list is named, not filled', () => {
    const { networkAcls: _gone, ...withoutAcls } = v2File.topology;
    const r = parseSnapshot(JSON.stringify({ ...v2File, topology: withoutAcls }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['topology.networkAcls: Invalid input: expected array, received undefined']);
  });

  it('refuses an interface the schema does not accept, by its path', () => {
    const bad = { ...v2File, schemaVersion: 3, topology: { ...v2File.topology, networkInterfaces: [{ id: 'nic-1' }], instances: [] } };
    const r = parseSnapshot(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^topology\.networkInterfaces\.0\.id: /);
  });
});

describe('a version 3 snapshot (written before DHCP options sets)', () => {
  const { text: file, json: v3File } = fixture('v3-analysis.json');

  it('opens at the current version with DHCP options sets empty, its VPCs without a set, and its interfaces and instances as written', () => {
    expect(v3File.schemaVersion).toBe(3);
    for (const k of LISTS_NEW_IN[4]) expect(v3File.topology).not.toHaveProperty(k);
    expect(v3File.topology.networkInterfaces).toHaveLength(1);
    expect(v3File.topology.instances).toHaveLength(1);
    const r = parseSnapshot(file);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.schemaVersion).toBe(TOPOLOGY_SCHEMA_VERSION);
    expect(r.snapshot.topology.dhcpOptions).toEqual([]);
    for (const v of r.snapshot.topology.vpcs) expect(v).not.toHaveProperty('dhcpOptionsId');
    for (const k of LISTS_NEW_IN[5]) expect(r.snapshot.topology[k]).toEqual([]);
    expect(pick(r.snapshot.topology, Object.keys(v3File.topology))).toEqual(v3File.topology);
  });

  it('runs only the step from 3: a version 3 file without its interfaces is named, not filled', () => {
    const { networkInterfaces: _gone, ...withoutInterfaces } = v3File.topology;
    const r = parseSnapshot(JSON.stringify({ ...v3File, topology: withoutInterfaces }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['topology.networkInterfaces: Invalid input: expected array, received undefined']);
  });

  it('refuses a DHCP options set or a VPC set id the schema does not accept, by its path', () => {
    const badSet = { ...v3File, schemaVersion: 4, topology: { ...v3File.topology, dhcpOptions: [{ id: 'dhcp-1', accountId: '111111111111', region: 'eu-west-1', configurations: {} }] } };
    const r = parseSnapshot(JSON.stringify(badSet));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^topology\.dhcpOptions\.0\.id: /);
    const vpcs = (v3File.topology.vpcs as Record<string, unknown>[]).map((v, i) => (i === 0 ? { ...v, dhcpOptionsId: 'none' } : v));
    const badVpc = { ...v3File, schemaVersion: 4, topology: { ...v3File.topology, vpcs, dhcpOptions: [] } };
    const r2 = parseSnapshot(JSON.stringify(badVpc));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0]).toMatch(/^topology\.vpcs\.0\.dhcpOptionsId: /);
  });
});

describe('a version 4 snapshot (written before transit gateways)', () => {
  const { text: file, json: v4File } = fixture('v4-analysis.json');

  it('opens at the current version with the four transit gateway lists empty, and its DHCP options sets and VPC set ids as written', () => {
    expect(v4File.schemaVersion).toBe(4);
    for (const k of LISTS_NEW_IN[5]) expect(v4File.topology).not.toHaveProperty(k);
    expect(v4File.topology.dhcpOptions).toHaveLength(1);
    const r = parseSnapshot(file);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.schemaVersion).toBe(TOPOLOGY_SCHEMA_VERSION);
    expect(r.snapshot.topology.transitGateways).toEqual([]);
    expect(r.snapshot.topology.transitGatewayAttachments).toEqual([]);
    expect(r.snapshot.topology.transitGatewayPeerings).toEqual([]);
    expect(r.snapshot.topology.transitGatewayRouteTables).toEqual([]);
    expect(r.snapshot.topology.vpcs.map((v) => v.dhcpOptionsId)).toEqual(['dopt-0a1b2c3d4e5f60718', 'default', 'default', 'default']);
    const { transitGateways: _g, transitGatewayAttachments: _a, transitGatewayPeerings: _p, transitGatewayRouteTables: _t, ...rest } = r.snapshot.topology;
    expect(rest).toEqual(v4File.topology);
  });

  it('runs only the step from 4: a version 4 file without its DHCP options sets is named, not filled', () => {
    const { dhcpOptions: _gone, ...withoutSets } = v4File.topology;
    const r = parseSnapshot(JSON.stringify({ ...v4File, topology: withoutSets }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['topology.dhcpOptions: Invalid input: expected array, received undefined']);
  });

  it('refuses a transit gateway, attachment or route table the schema does not accept, by its path', () => {
    const v5 = (lists: Record<string, unknown>) =>
      parseSnapshot(
        JSON.stringify({
          ...v4File,
          schemaVersion: 5,
          topology: { ...v4File.topology, transitGateways: [], transitGatewayAttachments: [], transitGatewayPeerings: [], transitGatewayRouteTables: [], ...lists },
        }),
      );
    const problem = (r: ReturnType<typeof parseSnapshot>) => (r.ok ? 'parsed' : r.problems[0]);
    // An attachment id is not a gateway id.
    expect(problem(v5({ transitGateways: [{ ...gateway, id: 'tgw-attach-0123' }] }))).toMatch(/^topology\.transitGateways\.0\.id: /);
    // A gateway's routing is read, or unread with a known reason: never left out.
    const { routing: _r, ...noRouting } = gateway;
    expect(problem(v5({ transitGateways: [noRouting] }))).toMatch(/^topology\.transitGateways\.0\.routing: /);
    expect(problem(v5({ transitGateways: [{ ...gateway, routing: { state: 'unread', reason: 'guessed' } }] }))).toMatch(/^topology\.transitGateways\.0\.routing\.reason: /);
    expect(problem(v5({ transitGatewayAttachments: [{ ...attachment, association: { routeTableId: 'rtb-1', state: 'associated' } }] }))).toMatch(
      /^topology\.transitGatewayAttachments\.0\.association\.routeTableId: /,
    );
    expect(problem(v5({ transitGatewayRouteTables: [{ ...routeTable, routes: [{ ...routeTable.routes[0], state: 'deleted' }] }] }))).toMatch(
      /^topology\.transitGatewayRouteTables\.0\.routes\.0\.state: /,
    );
    const { routesComplete: _c, ...noCompleteness } = routeTable;
    expect(problem(v5({ transitGatewayRouteTables: [noCompleteness] }))).toMatch(/^topology\.transitGatewayRouteTables\.0\.routesComplete: /);
    // The same records as the builders make them are accepted.
    const r = v5({ transitGateways: [gateway, shared], transitGatewayAttachments: [attachment], transitGatewayRouteTables: [routeTable] });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.topology.transitGateways[1]!.routing).toEqual({ state: 'unread', reason: 'owner-not-scanned' });
  });
});
