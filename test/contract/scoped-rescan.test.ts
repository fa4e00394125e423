/**
 * After a run that changed AWS, the app shows the change at once, marked as updating, and
 * confirms it by rescanning only the accounts and regions the run touched, merged into the saved
 * snapshot with every other slice left as it was. Through the API over the loopback transport,
 * against the sandbox demo behind a recording proxy that says which account and region each
 * DescribeVpcs (one per slice scanned) went to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { ScanSlice, WorkspaceUpdates } from '../../shared/api/dto';
import type { Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Topology } from '../../shared/model/topology';
import { validatePeering } from '../../shared/analysis/validate-peering';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import type { Loopback } from '../support/loopback-transport';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { scanThroughApi } from '../support/scan-through-api';
import { startSandbox, type SandboxHandle } from '../support/start-sandbox';

/** The demo's three regions and one it leaves empty: a full rescan would read all four in every account. */
const REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1', 'us-west-2'];

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

const key = (s: ScanSlice) => `${s.accountId}/${s.region}`;

/** What happened between an action and the rescan that confirmed it. */
interface Followed {
  readonly updates: WorkspaceUpdates[];
  /** Every pushed event in order, by name (`updatesChanged`, `snapshotUpdated`). */
  readonly order: string[];
  readonly snapshots: Snapshot[];
  /** Account/region of each DescribeVpcs the proxy passed on meanwhile. */
  readonly describedSlices: Set<string>;
}

let sandbox: SandboxHandle;
let proxy: AwsProxy;
let loop: Loopback<MainApi>;
let client: PeerscapeClient;
let demo: Snapshot;

/** Run `action`, then wait until the update of its run is confirmed (no longer pending, and the last confirmation). */
async function followUntilConfirmed(action: () => Promise<{ runId: string }>): Promise<Followed & { runId: string }> {
  const followed: Followed = { updates: [], order: [], snapshots: [], describedSlices: new Set() };
  const accountOf = new Map(sandbox.accounts.map((a) => [a.accessKeyId, a.accountId]));
  const from = proxy.calls.length;
  let runId: string | undefined;
  let confirmed!: () => void;
  const done = new Promise<void>((resolve) => (confirmed = resolve));
  const check = () => {
    const last = followed.updates.at(-1);
    if (runId && last?.lastConfirmed?.runId === runId && !last.pending.some((p) => p.runId === runId)) confirmed();
  };
  const offUpdates = client.on('updatesChanged', (u) => {
    followed.updates.push(u);
    followed.order.push('updatesChanged');
    check();
  });
  const offSnapshots = client.on('snapshotUpdated', (s) => {
    followed.snapshots.push(s);
    followed.order.push('snapshotUpdated');
  });
  try {
    runId = (await action()).runId;
    check();
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('the change was never confirmed by a rescan')), 60_000))]);
  } finally {
    offUpdates();
    offSnapshots();
  }
  for (const call of proxy.calls.slice(from)) {
    if (call.action === 'DescribeVpcs') followed.describedSlices.add(`${accountOf.get(call.accessKeyId)}/${call.region}`);
  }
  return { ...followed, runId };
}

/** The topology's resources in slices other than `scope`, to compare before and after. */
function outside(t: Topology, scope: ReadonlySet<string>) {
  const out = (x: { accountId: string; region: string }) => !scope.has(key(x));
  return {
    vpcs: t.vpcs.filter(out),
    subnets: t.subnets.filter(out),
    routeTables: t.routeTables.filter(out),
    securityGroups: t.securityGroups.filter(out),
    peerings: t.peerings.filter((p) => out(p.requester) && out(p.accepter)),
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'demo' });
  proxy = await startAwsProxy(sandbox.endpoint);
  const home = makeTempHome();
  const files = await sandbox.writeAwsFiles(join(home.home, 'aws'));
  writeFileSync(files.configFile, readFileSync(files.configFile, 'utf8').replaceAll(sandbox.endpoint, proxy.endpoint));
  loop = loopbackMainApi({ home: home.home, env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile } });
  client = loop.client;
  const { last } = await scanThroughApi(client, { source: 'aws', regions: REGIONS });
  expect(last.error).toBeUndefined();
  demo = must(await client.getWorkspace({})).snapshot!;
  expect(demo.coverage.filter((c) => c.region !== '*' && c.state === 'complete')).toHaveLength(sandbox.accounts.length * REGIONS.length);
}, 120_000);

afterAll(async () => {
  await loop?.api.dispose();
  await proxy?.close();
  await sandbox?.stop();
});

describe('a change to AWS is shown at once and confirmed by a rescan of what it touched', () => {
  it('delete with cleanup: shown deleted and marked at once, then only its two slices are rescanned and merged', async () => {
    const before = must(await client.getWorkspace({})).snapshot!;
    const peering = before.topology.peerings.find((p) => p.name === 'hub-us-eu')!;
    expect(peering.status).toBe('active');
    const followed = await followUntilConfirmed(async () => must(await client.deletePeering({ peeringId: peering.id, cleanup: true })).run);

    // At once: the update is announced (before the snapshot that shows it), marking the peering and both VPCs.
    const first = followed.updates[0]!;
    expect(first.pending).toHaveLength(1);
    expect(first.pending[0]).toMatchObject({ state: 'confirming', peeringIds: [peering.id], runId: followed.runId });
    expect(first.pending[0]!.vpcIds).toEqual(expect.arrayContaining([peering.requester.vpcId, peering.accepter.vpcId]));
    const scope = new Set(first.pending[0]!.scope.map(key));
    expect(scope).toEqual(new Set([key(peering.requester), key(peering.accepter)]));
    expect(followed.order.slice(0, 2)).toEqual(['updatesChanged', 'snapshotUpdated']);
    const optimistic = followed.snapshots[0]!;
    expect(optimistic.topology.peerings.find((p) => p.id === peering.id)?.status).toBe('deleted');
    expect(optimistic.topology.routeTables.flatMap((t) => t.routes).some((r) => r.target.kind === 'peering' && r.target.peeringId === peering.id)).toBe(false);

    // The rescan read exactly the touched slices, and says so.
    expect(followed.describedSlices).toEqual(scope);
    const confirmation = followed.updates.at(-1)!.lastConfirmed!;
    expect(new Set(confirmation.scanned.map((c) => `${c.accountId}/${c.region}`))).toEqual(scope);
    expect(confirmation.scanned.every((c) => c.state === 'complete')).toBe(true);

    // The saved snapshot shows what AWS now reports; every other slice is exactly as before.
    const after = must(await client.getWorkspace({}));
    expect(after.updates.pending).toEqual([]);
    const snapshot = after.snapshot!;
    expect(snapshot.topology.peerings.find((p) => p.id === peering.id)?.status).toMatch(/^delet/);
    expect(snapshot.topology.routeTables.flatMap((t) => t.routes).some((r) => r.target.kind === 'peering' && r.target.peeringId === peering.id)).toBe(false);
    expect(outside(snapshot.topology, scope)).toEqual(outside(before.topology, scope));
    expect(snapshot.coverage.filter((c) => c.region === '*' || !scope.has(`${c.accountId}/${c.region}`))).toEqual(
      before.coverage.filter((c) => c.region === '*' || !scope.has(`${c.accountId}/${c.region}`)),
    );
    expect(snapshot.topology.accounts).toEqual(before.topology.accounts);
  }, 120_000);

  it('accept: the accepter and requester slices (and those of any route it added) are rescanned, and the peering is active', async () => {
    const pending = demo.topology.peerings.find((p) => p.name === 'apac-prod-to-hub')!;
    expect(pending.status).toBe('pending-acceptance');
    let touched: ScanSlice[] = [];
    const followed = await followUntilConfirmed(async () => {
      const r = must(await client.acceptPeering({ peeringId: pending.id }));
      const done = new Set(r.run.steps.filter((s) => s.status === 'done').map((s) => s.stepId));
      touched = r.plan.steps.filter((s) => done.has(s.id));
      return r.run;
    });
    const scope = new Set([key(pending.requester), key(pending.accepter), ...touched.map(key)]);
    expect(new Set(followed.updates[0]!.pending[0]!.scope.map(key))).toEqual(scope);
    expect(followed.snapshots[0]!.topology.peerings.find((p) => p.id === pending.id)?.status).toBe('active');
    expect(followed.describedSlices).toEqual(scope);
    const snapshot = must(await client.getWorkspace({})).snapshot!;
    expect(snapshot.topology.peerings.find((p) => p.id === pending.id)?.status).toBe('active');
  }, 120_000);

  it('a rescan that cannot read a touched slice leaves the change marked, with the reason and the fix; a Refresh settles it', async () => {
    const peering = demo.topology.peerings.find((p) => p.name === 'hub-eu-prod')!;
    expect(peering.requester.accountId).not.toBe(peering.accepter.accountId);
    const before = must(await client.getWorkspace({})).snapshot!;
    const failed = new Promise<WorkspaceUpdates>((resolve) => {
      const off = client.on('updatesChanged', (u) => {
        if (u.pending.some((p) => p.state === 'failed')) {
          off();
          resolve(u);
        }
      });
    });
    // The rescan waits at the proxy until the accepter's account refuses its region.
    proxy.hold((call) => call.action === 'DescribeVpcs');
    try {
      must(await client.deletePeering({ peeringId: peering.id, cleanup: true }));
      sandbox.server.setFaults({ failRegions: [{ accountId: peering.accepter.accountId, region: peering.accepter.region, code: 'AuthFailure' }] });
    } finally {
      proxy.release();
    }
    const update = (await failed).pending[0]!;
    expect(update.peeringIds).toEqual([peering.id]);
    expect(update.error?.message).toContain(`${peering.accepter.accountId} ${peering.accepter.region}`);
    expect(update.error?.fix).toMatch(/Refresh/);
    // The slice that was read is merged; the one that was not keeps what it had.
    const ws = must(await client.getWorkspace({}));
    expect(ws.updates.pending.map((p) => p.state)).toEqual(['failed']);
    const saved = ws.snapshot!;
    expect(saved.coverage.filter((c) => c.accountId === peering.accepter.accountId && c.region === peering.accepter.region)).toEqual(
      before.coverage.filter((c) => c.accountId === peering.accepter.accountId && c.region === peering.accepter.region),
    );
    expect(saved.topology.peerings.find((p) => p.id === peering.id)?.status).toBe('deleted');

    sandbox.server.setFaults({});
    const { last } = await scanThroughApi(client, { source: 'aws', regions: REGIONS });
    expect(last.error).toBeUndefined();
    expect(must(await client.getWorkspace({})).updates.pending).toEqual([]);
  }, 120_000);

  it('run of a new cross-region plan: the new peering is drawn at once, then confirmed from its two slices only', async () => {
    const t = must(await client.getWorkspace({})).snapshot!.topology;
    const withSubnets = new Set(t.subnets.map((s) => s.vpcId));
    const vpcs = t.vpcs.filter((v) => withSubnets.has(v.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const pair = vpcs.flatMap((a) => vpcs.filter((b) => a.accountId !== b.accountId && a.region !== b.region && validatePeering(t, a.id, b.id).ok && validatePeering(t, a.id, b.id).warnings.length === 0).map((b) => [a, b] as const))[0]!;
    expect(pair).toBeDefined();
    const [requester, accepter] = pair;
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'scoped-new' }));
    const followed = await followUntilConfirmed(async () => must(await client.runPlan({ planId: plan.id })));
    const scope = new Set([key(requester), key(accepter)]);
    expect(new Set(followed.updates[0]!.pending[0]!.scope.map(key))).toEqual(scope);
    const shown = followed.snapshots[0]!.topology.peerings.find((p) => p.name === 'scoped-new');
    expect(shown).toMatchObject({ requester: { vpcId: requester.id }, accepter: { vpcId: accepter.id } });
    expect(followed.describedSlices).toEqual(scope);
    const confirmed = must(await client.getWorkspace({})).snapshot!.topology.peerings.find((p) => p.name === 'scoped-new');
    expect(confirmed?.id).toBe(shown!.id);
    expect(confirmed?.status).toBe('active');
  }, 120_000);
});
