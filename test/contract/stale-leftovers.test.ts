/**
 * Rules and routes left pointing at a deleted peering, through the one API against the sandbox:
 * two VPCs of different accounts peered, groups referencing each other across it (inbound and
 * outbound) and a route to it in each; the peering deleted. The API lists each stale rule (read
 * live per VPC) and each blackhole route, says per VPC when an account has no profile, and its
 * one plan removes everything: DescribeStaleSecurityGroups then reports nothing.
 */
import { join } from 'node:path';

import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Loopback } from '../support/loopback-transport';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { must, nextSnapshot, scanSandbox } from '../support/scan-through-api';
import { crossAccountPair, makeStaleLeftovers, staleRuleCount, type StaleSetup } from '../support/stale-leftovers-setup';

describe('what is left pointing at a deleted peering, through the API against the sandbox', () => {
  let loop: Loopback<MainApi>;
  let client: PeerscapeClient;
  let home: ReturnType<typeof makeTempHome>;
  let setup: StaleSetup;

  beforeAll(async () => {
    home = makeTempHome();
    loop = loopbackMainApi(home);
    client = loop.client;
    const sandbox = must(await client.startSandbox({}));
    const demo = await scanSandbox(client);
    const [a, b] = crossAccountPair(demo.topology);
    setup = await makeStaleLeftovers(demo.topology, a, b, join(home.home, 'data'), sandbox.endpoint!);
    await scanSandbox(client);
  }, 180_000);
  afterAll(async () => {
    await loop?.api.dispose();
  });

  it('refuses a scope that is neither one VPC nor one peering, saying which to give', async () => {
    const both = await client.getStaleLeftovers({ vpcId: 'vpc-1', peeringId: 'pcx-1' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('either vpcId') } });
    const none = await client.planStaleCleanup({});
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it("lists the deleted peering's stale rules of both VPCs (inbound and outbound) and its blackhole routes", async () => {
    const { a, b, peeringId, groupA, groupB } = setup;
    const left = must(await client.getStaleLeftovers({ peeringId }));
    expect(left.vpcs.map((v) => [v.vpcId, v.error])).toEqual([
      [a.id, undefined],
      [b.id, undefined],
    ]);
    const rulesA = left.vpcs[0]!.rules;
    const rulesB = left.vpcs[1]!.rules;
    expect(rulesA).toEqual([
      expect.objectContaining({ groupId: groupA, groupName: 'stale-app', direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, peerGroupId: groupB, peeringId }),
    ]);
    expect(rulesB).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ groupId: groupB, direction: 'ingress', fromPort: 5432, peerGroupId: groupA, peerAccountId: a.accountId, peeringId }),
        expect.objectContaining({ groupId: groupB, direction: 'egress', fromPort: 443, peerGroupId: groupA, peeringId }),
      ]),
    );
    expect(rulesB).toHaveLength(2);
    expect(left.routes.map((r) => [r.vpcId, r.routeTableId, r.peeringId, r.state]).sort()).toEqual(
      [
        [a.id, setup.tableA, peeringId, 'blackhole'],
        [b.id, setup.tableB, peeringId, 'blackhole'],
      ].sort(),
    );

    // From one VPC: the same rules and route of that VPC alone.
    const fromA = must(await client.getStaleLeftovers({ vpcId: a.id }));
    expect(fromA.vpcs).toHaveLength(1);
    expect(fromA.vpcs[0]!.rules).toEqual(rulesA);
    expect(fromA.routes.map((r) => r.routeTableId)).toEqual([setup.tableA]);
  });

  it("says, for the VPC whose account has no profile, why its rules are missing, and keeps the other VPC's", async () => {
    const { b, peeringId } = setup;
    const current = must(await client.getWorkspace({})).snapshot!;
    const withoutB: Snapshot = { ...current, topology: { ...current.topology, accounts: current.topology.accounts.map((x) => (x.id === b.accountId ? { ...x, profiles: [] } : x)) } };
    must(await client.importSnapshot({ json: JSON.stringify(withoutB) }));
    const left = must(await client.getStaleLeftovers({ peeringId }));
    expect(left.vpcs[0]!.error).toBeUndefined();
    expect(left.vpcs[0]!.rules).toHaveLength(1);
    expect(left.vpcs[1]).toMatchObject({
      vpcId: b.id,
      rules: [],
      error: { code: 'unauthorized', message: expect.stringContaining(`No local profile acts in account ${b.accountId}`), fix: expect.stringContaining('describe-stale-security-groups') },
    });
    expect(left.vpcs[1]!.error!.message).toContain(`the accepter of ${peeringId}`);

    // A profile of the wrong account: AWS refuses the call for that VPC alone, and says why.
    const profileOfA = current.topology.accounts.find((x) => x.id === setup.a.accountId)!.profiles;
    const wrong: Snapshot = { ...current, topology: { ...current.topology, accounts: current.topology.accounts.map((x) => (x.id === b.accountId ? { ...x, profiles: profileOfA } : x)) } };
    must(await client.importSnapshot({ json: JSON.stringify(wrong) }));
    const refused = must(await client.getStaleLeftovers({ peeringId }));
    expect(refused.vpcs[0]!.rules).toHaveLength(1);
    expect(refused.vpcs[1]).toMatchObject({ rules: [], error: { code: 'aws:InvalidVpcID.NotFound', message: expect.stringContaining(`The stale rules of ${b.id} could not be read`), fix: expect.stringContaining(`acts in account ${b.accountId}`) } });
    await scanSandbox(client);
  }, 120_000);

  it('removes every stale rule and route with one plan (dry run, run, audit, rescan); AWS then reports none', async () => {
    const { a, b, peeringId, clientA, clientB } = setup;
    const plan = must(await client.planStaleCleanup({ peeringId }));
    expect(plan.steps.map((s) => s.kind).sort()).toEqual(['delete-route', 'delete-route', 'revoke-egress', 'revoke-ingress', 'revoke-ingress']);
    expect(plan.steps.find((s) => s.kind === 'revoke-egress')).toMatchObject({ action: 'RevokeSecurityGroupEgress', accountId: b.accountId, params: { GroupId: setup.groupB } });
    const cli = must(await client.getPlanCli({ planId: plan.id }));
    expect(cli.script).toContain('revoke-security-group-egress');

    const dry = must(await client.dryRunPlan({ planId: plan.id }));
    expect(dry.steps.every((s) => s.status !== 'failed')).toBe(true);
    const rescanned = nextSnapshot(client, (s) => !s.topology.routeTables.some((t) => t.routes.some((r) => r.target.kind === 'peering' && r.target.peeringId === peeringId)));
    const run = must(await client.runPlan({ planId: plan.id }));
    expect(run.outcome).toBe('completed');
    expect(run.steps.map((s) => s.status)).toEqual(plan.steps.map(() => 'done'));
    await rescanned;

    expect(await staleRuleCount(clientA, a.id)).toBe(0);
    expect(await staleRuleCount(clientB, b.id)).toBe(0);
    for (const [c, table] of [
      [clientA, setup.tableA],
      [clientB, setup.tableB],
    ] as const) {
      const tables = await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }));
      expect(tables.RouteTables![0]!.Routes!.some((r) => r.VpcPeeringConnectionId === peeringId)).toBe(false);
    }

    const audit = must(await client.listAudit({ filter: { actions: ['RevokeSecurityGroupEgress'] } }));
    expect(audit.entries.some((e) => e.outcome === 'ok' && e.accountId === b.accountId)).toBe(true);
    const after = must(await client.getStaleLeftovers({ peeringId }));
    expect(after.routes).toEqual([]);
    expect(after.vpcs.flatMap((v) => v.rules)).toEqual([]);
    expect(await client.planStaleCleanup({ peeringId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 180_000);
});
