import { describe, expect, it } from 'vitest';

import type { Peering, Topology } from '../../../shared/model/topology';
import { peeringChecklist, type ChecklistItem, type PeeringChecklist } from '../../../shared/planning/peering-checklist';
import { route } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

function checklist(t: Topology, profiles?: Readonly<Record<string, readonly string[]>>): PeeringChecklist {
  const r = peeringChecklist(t, 'pcx-ab', profiles);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function item(c: PeeringChecklist, id: ChecklistItem['id']): ChecklistItem {
  return c.items.find((i) => i.id === id)!;
}

function patchPeering(t: Topology, patch: Partial<Peering>): Topology {
  return { ...t, peerings: t.peerings.map((p) => ({ ...p, ...patch })) };
}

/** Every route to a peering removed, as a delete with cleanup leaves the tables. */
function unrouted(t: Topology): Topology {
  return { ...t, routeTables: t.routeTables.map((rt) => ({ ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') })) };
}

function dropRoute(t: Topology, tableId: string, destination: string): Topology {
  return { ...t, routeTables: t.routeTables.map((rt) => (rt.id === tableId ? { ...rt, routes: rt.routes.filter((r) => r.destination !== destination) } : rt)) };
}

describe('peeringChecklist', () => {
  it('lists requested → accepted → requester routes → accepter routes → security groups → DNS in that order', () => {
    const c = checklist(buildPeeredPair());
    expect(c.items.map((i) => i.id)).toEqual(['requested', 'accepted', 'requester-routes', 'accepter-routes', 'security-groups', 'dns']);
    expect(c.items.map((i) => i.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'optional']);
    expect(c.complete).toBe(true);
    expect(item(c, 'dns').action).toEqual({ kind: 'enable-dns', label: 'Allow DNS resolution from the peer', sides: ['requester', 'accepter'] });
  });

  it('offers one-click accept with the accepter profile for a pending request, and counts blackhole routes to it as in place', () => {
    const pending = patchPeering(buildPeeredPair(), { status: 'pending-acceptance', expirationTime: '2026-12-01T00:00:00.000Z' });
    const blackholed: Topology = {
      ...pending,
      routeTables: pending.routeTables.map((rt) => ({ ...rt, routes: rt.routes.map((r) => (r.target.kind === 'peering' ? { ...r, state: 'blackhole' as const } : r)) })),
    };
    const c = checklist(blackholed);
    expect(item(c, 'accepted')).toMatchObject({ state: 'todo', action: { kind: 'accept', profile: 'profile-222222222222' } });
    // Without a clock, the expiry is a local date and time; with one, also how far off it is.
    expect(item(c, 'accepted').detail).toContain('It expires on ');
    const timed = peeringChecklist(blackholed, 'pcx-ab', undefined, { now: Date.parse('2026-11-24T18:00:00.000Z'), locale: 'en-GB', timeZone: 'UTC' });
    expect(timed.ok && item(timed.value, 'accepted').detail).toContain('It expires in 6 days (1 Dec 2026, 00:00).');
    expect(item(c, 'requester-routes')).toMatchObject({ state: 'done', detail: expect.stringContaining('once it is accepted') });
    expect(item(c, 'dns').state).toBe('blocked');
    expect(c.complete).toBe(false);
  });

  it('tells the other side what to run when no profile acts for the accepter', () => {
    const c = checklist(patchPeering(buildPeeredPair(), { status: 'pending-acceptance' }), { '111111111111': ['a'] });
    const action = item(c, 'accepted').action;
    expect(action).toMatchObject({ kind: 'ask-other-side', accountId: '222222222222' });
    expect(action?.kind === 'ask-other-side' && action.instructions[1]).toBe('aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-ab --region eu-west-1');
  });

  it('names the missing routes and offers to add them with the side profile, or asks the other side with the CLI line', () => {
    const t = dropRoute(buildPeeredPair(), 'rtb-bmain', '10.0.0.0/16');
    const c = checklist(t);
    expect(item(c, 'requester-routes').state).toBe('done');
    const acc = item(c, 'accepter-routes');
    expect(acc).toMatchObject({ state: 'todo', action: { kind: 'add-routes', sides: ['accepter'] } });
    expect(acc.detail).toContain('10.0.0.0/16 in rtb-bmain (missing)');
    const other = item(checklist(t, { '111111111111': ['a'] }), 'accepter-routes').action;
    expect(other?.kind === 'ask-other-side' && other.instructions).toEqual([
      'aws ec2 create-route --route-table-id rtb-bmain --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-ab --region eu-west-1',
    ]);
    expect(checklist(t).complete).toBe(false);
  });

  it('flags a destination routed elsewhere', () => {
    const t = buildPeeredPair();
    const elsewhere: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, routes: [...rt.routes.filter((r) => r.destination !== '10.1.0.0/16'), route('10.1.0.0/16', 'tgw-1')] } : rt)),
    };
    expect(item(checklist(elsewhere), 'requester-routes').detail).toContain('10.1.0.0/16 in rtb-a1 (elsewhere)');
  });

  it('explains rejected, expired and failed with the next step', () => {
    const rejected = checklist(patchPeering(unrouted(buildPeeredPair()), { status: 'rejected' }));
    expect(item(rejected, 'accepted')).toMatchObject({ state: 'failed' });
    expect(item(checklist(patchPeering(unrouted(buildPeeredPair()), { status: 'failed' })), 'requested').action).toEqual({ kind: 'recreate', label: 'Request a new peering…' });
    expect(item(rejected, 'requester-routes').state).toBe('closed');
    const failed = checklist(patchPeering(buildPeeredPair(), { status: 'failed', statusMessage: 'Overlapping CIDR blocks' }));
    expect(item(failed, 'requested')).toMatchObject({ state: 'failed', detail: expect.stringContaining('Overlapping CIDR blocks') });
    expect(checklist(patchPeering(buildPeeredPair(), { status: 'expired' })).next.action).toContain('within 7 days');
  });

  it('does not call a deleting or deleted peering "Accepted (failed)": acceptance no longer applies', () => {
    for (const status of ['deleting', 'deleted'] as const) {
      const c = checklist(patchPeering(buildPeeredPair(), { status }));
      expect(item(c, 'accepted').state, status).toBe('closed');
      expect(c.items.filter((i) => i.state === 'failed'), status).toEqual([]);
      expect(item(c, 'dns').state, status).toBe('closed');
    }
  });

  it('after a delete that cleaned up, asks to remove nothing: no route is left to remove', () => {
    const before = checklist(patchPeering(buildPeeredPair(), { status: 'deleted' }));
    expect(before.next.action).toContain('Remove the 6 routes that still point at pcx-ab (they are blackholes)');
    expect(item(before, 'requester-routes').detail).toContain('4 routes of vpc-a still point at it');
    const after = checklist(patchPeering(unrouted(buildPeeredPair()), { status: 'deleted' }));
    expect(after.next.actionKind).toBe('none');
    expect(after.next.action).not.toMatch(/remove/i);
    expect(after.items.map((i) => i.detail).join('\n')).not.toMatch(/remove/i);
    expect(item(after, 'requester-routes').detail).toContain('No route of vpc-a points at it');
  });

  it('asks for nothing about a rejected or expired peering that nothing points at', () => {
    for (const status of ['rejected', 'expired'] as const) {
      const c = checklist(patchPeering(unrouted(buildPeeredPair()), { status }));
      expect(c.next.actionKind, status).toBe('none');
      expect(c.next.action, status).toMatch(/^Nothing to do/);
      expect(c.items.filter((i) => i.action), status).toEqual([]);
      expect(c.items.filter((i) => i.state === 'todo'), status).toEqual([]);
      // With routes still pointing at it, the clean-up is asked for.
      const stale = checklist(patchPeering(buildPeeredPair(), { status }));
      expect(stale.next.actionKind, status).toBe('clean-up');
      expect(stale.next.action, status).toContain('Remove the 6 routes that still point at pcx-ab (they are blackholes)');
    }
  });

  it('names the overlapping blocks that made a peering fail, instead of AWS\'s generic message', () => {
    const t = buildPeeredPair();
    const generic = 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range';
    const overlapping: Topology = {
      ...t,
      vpcs: t.vpcs.map((v) => (v.id === 'vpc-b' ? { ...v, cidrBlocks: [...v.cidrBlocks, { cidr: '10.0.1.0/24', family: 'ipv4' as const, primary: false, state: 'associated' }] } : v)),
    };
    const c = checklist(patchPeering(unrouted(overlapping), { status: 'failed', statusMessage: generic }));
    expect(c.next.meaning).toContain('10.0.0.0/16 in app (vpc-a) overlaps 10.0.1.0/24 in db (vpc-b)');
    expect(c.next.meaning).not.toContain(generic);
    expect(item(c, 'requested').detail).toContain('10.0.0.0/16 in app (vpc-a) overlaps 10.0.1.0/24 in db (vpc-b)');
    expect(c.next.action).toContain('re-address one of the VPCs');
    // Requesting the same peering again would fail the same way: no button offers it.
    expect(c.items.filter((i) => i.action)).toEqual([]);
    // With no overlap in the snapshot, AWS's message is all there is.
    expect(checklist(patchPeering(unrouted(t), { status: 'failed', statusMessage: generic })).next.meaning).toContain(generic);
  });

  it('says a peering to a VPC with no subnets has nothing to route, on both sides', () => {
    const t = buildPeeredPair();
    const empty: Topology = { ...t, subnets: t.subnets.filter((s) => s.vpcId !== 'vpc-b') };
    const c = checklist(empty);
    for (const id of ['requester-routes', 'accepter-routes'] as const) {
      expect(item(c, id), id).toMatchObject({ state: 'done', detail: expect.stringContaining('db (vpc-b) has no subnets') });
      expect(item(c, id).detail, id).toContain('nothing to route');
    }
    // Nor is a rule needed while nothing can cross it.
    const closed: Topology = { ...empty, securityGroups: empty.securityGroups.map((g) => ({ ...g, ingress: [] })) };
    expect(item(checklist(closed), 'security-groups')).toMatchObject({ state: 'done', detail: expect.stringContaining('db (vpc-b) has no subnets') });
  });

  it('asks for security-group rules when neither side allows the other', () => {
    const t = { ...buildPeeredPair(), securityGroups: buildPeeredPair().securityGroups.map((g) => ({ ...g, ingress: [] })) };
    expect(item(checklist(t), 'security-groups')).toMatchObject({ state: 'todo', action: { kind: 'add-rules' } });
    expect(checklist(t).complete).toBe(false);
    // Rules for a peering that can no longer carry traffic are not asked for.
    for (const status of ['rejected', 'failed', 'expired', 'deleted', 'deleting'] as const) {
      const gone = item(checklist(patchPeering(t, { status })), 'security-groups');
      expect(gone, status).toMatchObject({ state: 'closed', detail: expect.stringContaining(`it is ${status}`) });
      expect(gone.action, status).toBeUndefined();
    }
    expect(item(checklist(patchPeering(t, { status: 'initiating-request' })), 'security-groups').state).toBe('waiting');
    expect(item(checklist(patchPeering(t, { status: 'pending-acceptance' })), 'security-groups').state).toBe('todo');
  });

  it('is done for DNS when both sides allow resolution from the peer', () => {
    const t = buildPeeredPair();
    const dns: Topology = {
      ...t,
      peerings: t.peerings.map((p) => ({ ...p, requester: { ...p.requester, allowDnsResolutionFromRemoteVpc: true }, accepter: { ...p.accepter, allowDnsResolutionFromRemoteVpc: true } })),
    };
    expect(item(checklist(dns), 'dns').state).toBe('done');
  });

  it('says in its DNS note when a side’s DHCP options set has its own name servers, and not for Amazon-provided DNS', () => {
    const t = buildPeeredPair();
    const [a, b] = t.vpcs;
    const own = { id: 'dopt-own' as const, accountId: a!.accountId, region: a!.region, configurations: { 'domain-name-servers': ['10.0.0.53'] } };
    const amazon = { id: 'dopt-aws' as const, accountId: b!.accountId, region: b!.region, configurations: { 'domain-name-servers': ['AmazonProvidedDNS'] } };
    const withSets: Topology = {
      ...t,
      vpcs: t.vpcs.map((v) => (v.id === a!.id ? { ...v, dhcpOptionsId: own.id } : { ...v, dhcpOptionsId: amazon.id })),
      dhcpOptions: [own, amazon],
    };
    const detail = item(checklist(withSets), 'dns').detail;
    expect(detail).toContain(`${a!.name ?? a!.id} uses DHCP options set dopt-own with its own name servers (10.0.0.53)`);
    expect(detail).toContain('does not apply there unless those servers forward to it');
    expect(detail).not.toContain('dopt-aws');
    // The same when both sides allow resolution: the note stands beside "done".
    const allowed = { ...withSets, peerings: withSets.peerings.map((p) => ({ ...p, requester: { ...p.requester, allowDnsResolutionFromRemoteVpc: true }, accepter: { ...p.accepter, allowDnsResolutionFromRemoteVpc: true } })) };
    expect(item(checklist(allowed), 'dns')).toMatchObject({ state: 'done', detail: expect.stringContaining('dopt-own') });
    // Without sets (a snapshot before version 4) nothing is said.
    expect(item(checklist(t), 'dns').detail).not.toContain('DHCP');
  });

  it('names an unknown peering', () => {
    const r = peeringChecklist(buildPeeredPair(), 'pcx-zz');
    expect(r.ok || r.error.code).toBe('not-found');
  });

  it('counts a peering route as in place when a VPN propagates the same block, and says when only a prefix list may carry it', () => {
    const t = buildPeeredPair();
    const vpn = { ...route('10.1.0.0/16', 'vgw-1'), origin: 'EnableVgwRoutePropagation' };
    const withVpn: Topology = { ...t, routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-a' ? { ...rt, routes: [vpn, ...rt.routes] } : rt)) };
    expect(item(checklist(withVpn), 'requester-routes').state).toBe('done');
    const listed: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-bmain' ? { ...rt, routes: [...rt.routes.filter((r) => r.target.kind !== 'peering'), route('pl-0a1b', 'pcx-ab')] } : rt)),
    };
    const accepter = item(checklist(listed), 'accepter-routes');
    expect(accepter.state).toBe('todo');
    expect(accepter.detail).toContain('carried only by a prefix list whose entries are not in the snapshot');
  });
});
