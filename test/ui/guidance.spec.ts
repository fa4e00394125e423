/**
 * The guidance agrees with itself, in Chromium on the sandbox demo: the Findings panel lists
 * what `peerscape analyze` lists (route anomalies included); a peering to a VPC with no subnets
 * says there is nothing to route; ended peerings ask only for what is left to do; a failed one
 * names its overlapping blocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DescribeVpcPeeringConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyzeSnapshot } from '../../shared/analysis/findings';
import type { Topology } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { callHarness, cardSelector, currentSnapshot, rescanWith, selectPeeringOnCanvas, openDemoSession, type Harness } from './graph-helpers';

let harness: Harness;
let session: BrowserSession;
let topology: Topology;

/** An EC2 client of the sandbox, as any AWS client would use it: a demo account's keys from the sandbox's credentials file. */
async function sandboxEc2(accountId: string, region: string): Promise<EC2Client> {
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok || !ws.value.sandbox.endpoint) throw new Error('the sandbox is not running');
  const profile = topology.accounts.find((a) => a.id === accountId)!.profiles[0]!;
  const section = readFileSync(join(harness.home, 'data', 'sandbox', 'credentials'), 'utf8')
    .split(/^\[/m)
    .find((s) => s.startsWith(`${profile}]`))!;
  const accessKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec(section)![1]!;
  const secretAccessKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(section)![1]!;
  return new EC2Client({ endpoint: ws.value.sandbox.endpoint, region, credentials: { accessKeyId, secretAccessKey } });
}

/** Rescan the sandbox from the toolbar and wait for the redrawn graph. */
async function refresh(): Promise<void> {
  topology = await rescanWith(session.page, harness, session.page.getByRole('button', { name: 'Refresh', exact: true }));
}

/** Select a peering on the fitted canvas and return its inspector. */
async function selectPeering(id: string) {
  const { page } = session;
  const inspector = await selectPeeringOnCanvas(page, id);
  return { inspector, next: page.getByTestId('next-step'), checklist: page.getByTestId('peering-checklist') };
}

function peeringNamed(name: string) {
  const p = topology.peerings.find((x) => x.name === name);
  if (!p) throw new Error(`the demo has no peering named ${name}`);
  return p;
}

beforeAll(async () => {
  ({ harness, session, topology } = await openDemoSession());
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('the guidance agrees with itself', () => {
  it('lists in the Findings panel what peerscape analyze lists, route anomalies included', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Findings' }).click();
    const panel = page.getByTestId('findings-panel');
    const anomalies = panel.getByTestId('findings-route-anomaly');
    await anomalies.waitFor();
    const expected = analyzeSnapshot(await currentSnapshot(harness)).findings;
    const shown = await panel.locator('[data-finding-id]').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.findingId!));
    expect(shown.sort()).toEqual(expected.map((f) => f.id).sort());
    const text = (await anomalies.textContent()) ?? '';
    // A stale route to a deleted peering, one into a pending request, a default route into a peering, a route beyond the peer.
    expect(text).toContain('a blackhole left behind');
    expect(text).toContain('a blackhole until the peering is active');
    expect(text).toContain('a default route into a peering');
    expect(text).toContain('peering is not transitive');
    await anomalies.scrollIntoViewIfNeeded();
    await session.screenshot('guidance-findings-anomalies');
    // A finding selects what it is about.
    const onCanvas = expected.find((f) => f.kind === 'route-anomaly' && f.focus.kind === 'peering')!;
    await panel.locator(`[data-finding-id="${onCanvas.id}"] button`).click();
    await expect.poll(() => page.locator('.peering-edge.is-selected').getAttribute('data-peering-id')).toBe(onCanvas.focus.kind === 'peering' ? onCanvas.focus.peeringId : '');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('names the overlapping blocks of a failed peering, and asks nothing of a rejected or expired one nothing points at', async () => {
    const failed = peeringNamed('legacy-to-hub');
    const { next, inspector, checklist } = await selectPeering(failed.id);
    const words = (await next.textContent()) ?? '';
    expect(words).toMatch(/10\.0\.0\.0\/16 in dev-legacy \(vpc-[0-9a-f]+\) overlaps 10\.0\.0\.0\/16 in shared-services \(vpc-[0-9a-f]+\)/);
    expect(await inspector.textContent()).not.toContain('Failed due to incorrect VPC-ID');
    await checklist.waitFor();
    await session.screenshot('guidance-failed-cause');

    for (const name of ['apac-dev-to-hub', 'dev-db-to-lake']) {
      const ended = await selectPeering(peeringNamed(name).id);
      expect(await ended.next.textContent(), name).toContain('Nothing to do: no route or rule points at');
      expect(await ended.checklist.getByRole('button').count(), name).toBe(0);
      expect(await ended.checklist.locator('.state-todo').count(), name).toBe(0);
    }
    await session.screenshot('guidance-rejected-nothing');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('does not call a deleting peering "Accepted (failed)"', async () => {
    const deleting = await selectPeering(peeringNamed('hub-eu-apac').id);
    const accepted = deleting.checklist.getByTestId('checklist-accepted');
    expect(await accepted.getAttribute('class')).toContain('state-closed');
    expect(await accepted.textContent()).toContain('Accepted (no longer applies)');
    expect(await deleting.checklist.textContent()).not.toContain('(failed)');
    await session.screenshot('guidance-deleting');
  }, 60_000);

  it('after a delete with cleanup, the deleted peering asks to remove nothing', async () => {
    const { page } = session;
    const peering = peeringNamed('hub-eu-prod');
    await selectPeering(peering.id);
    await page.getByRole('button', { name: 'Delete peering…' }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Delete/ });
    // The delete removes the routes and rules with the peering: every one is listed, none unticked.
    expect(await confirm.textContent()).toContain('DeleteRoute');
    for (const tick of await confirm.getByRole('checkbox').all()) expect(await tick.isChecked()).toBe(true);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(async () => (await currentSnapshot(harness)).topology.peerings.find((p) => p.id === peering.id)?.status, { timeout: 60_000 }).toBe('deleted');
    topology = (await currentSnapshot(harness)).topology;
    const legendDeleted = page.getByRole('checkbox', { name: 'show deleted' });
    if (!(await legendDeleted.isChecked())) await legendDeleted.check();
    await page.locator(`[data-testid="rf__edge-${peering.id}"]`).waitFor({ timeout: 30_000 });
    const deleted = await selectPeering(peering.id);
    const words = (await deleted.next.textContent()) ?? '';
    expect(words).toContain('Nothing to do: no route or rule points at');
    expect(words).not.toMatch(/remove/i);
    expect(await deleted.checklist.getByTestId('checklist-accepted').getAttribute('class')).toContain('state-closed');
    expect(await deleted.checklist.textContent()).not.toMatch(/remove|\(failed\)/i);
    await session.screenshot('guidance-deleted-clean');
    await legendDeleted.uncheck();
    expect(session.problems).toEqual([]);
  }, 180_000);

  it('says a peering to a VPC with no subnets has nothing to route, with no route gap on either card', async () => {
    const { page } = session;
    const empty = topology.vpcs.find((v) => v.name === 'dev-app-eu')!;
    const hub = topology.vpcs.find((v) => v.name === 'shared-services-eu')!;
    expect(topology.subnets.some((s) => s.vpcId === empty.id)).toBe(false);
    // Through the sandbox's EC2 API, as any AWS client would: peer the empty VPC with the EU hub, accept, route the hub side.
    const dev = await sandboxEc2(empty.accountId, empty.region);
    const net = await sandboxEc2(hub.accountId, hub.region);
    const created = await dev.send(new CreateVpcPeeringConnectionCommand({ VpcId: empty.id, PeerVpcId: hub.id, PeerOwnerId: hub.accountId }));
    const pcx = created.VpcPeeringConnection!.VpcPeeringConnectionId!;
    await expect.poll(async () => (await net.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx })).then(() => 'accepted', (e: Error) => e.name)), { timeout: 30_000 }).toBe('accepted');
    const status = async () => (await net.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcx] }))).VpcPeeringConnections?.[0]?.Status?.Code;
    await expect.poll(status, { timeout: 30_000 }).toBe('active');
    const tables = await net.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [hub.id] }] }));
    for (const t of tables.RouteTables ?? []) await net.send(new CreateRouteCommand({ RouteTableId: t.RouteTableId!, DestinationCidrBlock: empty.cidrBlocks[0]!.cidr, VpcPeeringConnectionId: pcx }));
    await refresh();
    const edge = page.locator(`[data-peering-id="${pcx}"]`);
    await expect.poll(() => edge.getAttribute('class'), { timeout: 60_000 }).toContain('status-active');
    expect(await edge.getAttribute('class')).toContain('routes-nothing-to-route');
    const { next, inspector } = await selectPeering(pcx);
    await expect.poll(() => page.getByTestId(`edge-label-${pcx}`).textContent()).toContain('no subnets: nothing to route');
    expect(await page.getByTestId(`edge-label-${pcx}`).textContent()).not.toContain('routes one side');
    expect(await next.textContent()).toContain(`dev-app-eu (${empty.id}) has no subnets`);
    expect(await inspector.textContent()).toContain('routes nothing to route');
    expect(await page.locator(cardSelector(empty.id)).getByTestId('badge-routes').count()).toBe(0);
    await session.screenshot('guidance-no-subnets');
    // The Findings panel has no route gap for it either.
    await page.getByRole('tab', { name: 'Findings' }).click();
    const gaps = page.getByTestId('findings-route-gap');
    await gaps.waitFor();
    expect(await gaps.locator(`[data-finding-id^="route-gap:${pcx}:"]`).count()).toBe(0);
    expect(await gaps.textContent()).toContain(`dev-app-eu (${empty.id}) has no subnets`);
    expect(session.problems).toEqual([]);
  }, 240_000);
});
