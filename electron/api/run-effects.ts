/** What a finished run of a plan changed, read from its steps: the account × region slices to
 * rescan, the peerings and VPCs to mark, and the topology as the calls left it.
 *
 * The topology is the workspace's best account until the rescan of those slices lands: each
 * step that changed AWS applies its call to a copy (a create adds the peering, a route goes in
 * or out of its table, a rule into or out of its group, the peering takes the status the run
 * last saw). Applying a run twice, or to a topology that already shows it, changes nothing more.
 */
import type { IpPermission, NetworkAclEntry as AwsNetworkAclEntry } from '@aws-sdk/client-ec2';

import type { PendingUpdate, ScanSlice } from '../../shared/api/dto';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import {
  PEERING_STATUSES,
  type NetworkAcl,
  type Peering,
  type PeeringSide,
  type PeeringStatus,
  type RouteTable,
  type RouteTarget,
  type SecurityGroup,
  type SecurityGroupRule,
  type Topology,
} from '../../shared/model/topology';
import type { PlanRun, StepRunStatus } from '../../shared/planning/plan-run';
import type { IpPermissionParam } from '../../shared/planning/step-params';
import { routeDestination } from '../../shared/planning/step-params';
import { resolvePeeringRef, type PeeringPlan, type PlanSide, type PlanStep } from '../../shared/planning/plan-types';
import { normaliseCidr } from '../discovery/kinds/aws-fields';
import { toNetworkAclEntry } from '../discovery/kinds/network-acl';
import { flattenPermission } from '../discovery/kinds/security-group';

/** Step outcomes after which AWS is not as the snapshot saw it. */
const CHANGED: readonly StepRunStatus[] = ['done', 'done-by-other-side'];

/** The steps of `plan` that changed AWS in `run`, in plan order, with the peering id filled in. */
export function changedSteps(plan: PeeringPlan, run: PlanRun): readonly PlanStep[] {
  const status = new Map(run.steps.map((s) => [s.stepId, s.status]));
  const peeringId = run.peeringId ?? plan.peeringId;
  return plan.steps
    .filter((s) => CHANGED.includes(status.get(s.id) ?? 'pending'))
    .map((s) => (peeringId ? ({ ...s, params: resolvePeeringRef(s.params, peeringId) } as PlanStep) : s));
}

/** Both sides of the peering and every account and region a changing call went to, once each. */
export function scopeOfRun(plan: PeeringPlan, run: PlanRun): readonly ScanSlice[] {
  const slices = new Map<string, ScanSlice>();
  const add = (s: ScanSlice) => slices.set(`${s.accountId}/${s.region}`, { accountId: s.accountId, region: s.region });
  add(plan.requester);
  add(plan.accepter);
  for (const step of changedSteps(plan, run)) add(step);
  return [...slices.values()];
}

/** The peerings and VPCs a run's changes are drawn on. */
export function marksOfRun(topology: Topology | undefined, plan: PeeringPlan, run: PlanRun): Pick<PendingUpdate, 'peeringIds' | 'vpcIds'> {
  const peeringId = run.peeringId ?? plan.peeringId;
  const vpcIds = new Set<VpcId>([plan.requester.vpcId, plan.accepter.vpcId]);
  for (const step of changedSteps(plan, run)) {
    if (step.target?.vpcId) vpcIds.add(step.target.vpcId);
    const tableId = step.target?.routeTableId;
    const table = tableId ? topology?.routeTables.find((t) => t.id === tableId) : undefined;
    if (table) vpcIds.add(table.vpcId);
  }
  return { peeringIds: peeringId ? [peeringId] : [], vpcIds: [...vpcIds] };
}

function isPeeringStatus(s: string | undefined): s is PeeringStatus {
  return (PEERING_STATUSES as readonly string[]).includes(s ?? '');
}

function sideOf(side: PlanSide): PeeringSide {
  return {
    accountId: side.accountId,
    vpcId: side.vpcId,
    region: side.region,
    cidrBlocks: side.cidrs.filter((c) => !c.includes(':')),
    ipv6CidrBlocks: side.cidrs.filter((c) => c.includes(':')),
  };
}

/** The status the peering has after the run: as the run last saw it, else as its last changing step leaves it. */
function statusAfter(steps: readonly PlanStep[], run: PlanRun): PeeringStatus | undefined {
  if (isPeeringStatus(run.peeringStatus)) return run.peeringStatus;
  const byKind: Partial<Record<PlanStep['kind'], PeeringStatus>> = { create: 'pending-acceptance', accept: 'active', delete: 'deleted', reject: 'rejected' };
  return steps.reduce<PeeringStatus | undefined>((status, s) => byKind[s.kind] ?? status, undefined);
}

function rulesOf(permissions: readonly IpPermissionParam[], owner: string): SecurityGroupRule[] {
  // The plan's permissions are the SDK's IpPermission with read-only lists: the same fields.
  return permissions.flatMap((p) => flattenPermission(p as unknown as IpPermission, owner));
}

/** The peer a rule names, without how the snapshot annotated it (account, peering): what a revoke matches on. */
const peerKey = (r: SecurityGroupRule): string => (r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind === 'group' ? r.peer.groupId : r.peer.prefixListId);
const sameRule = (a: SecurityGroupRule, b: SecurityGroupRule) =>
  a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.peer.kind === b.peer.kind && peerKey(a) === peerKey(b);

/** `topology` as the run's changing calls left AWS. */
export function applyRun(topology: Topology, plan: PeeringPlan, run: PlanRun): Topology {
  const steps = changedSteps(plan, run);
  const peeringId = (run.peeringId ?? plan.peeringId) as PeeringId | undefined;
  if (steps.length === 0) return topology;
  let peerings = topology.peerings;
  const status = statusAfter(steps, run);
  if (peeringId && steps.some((s) => s.kind === 'create') && !peerings.some((p) => p.id === peeringId)) {
    const tags: Record<string, string> = plan.name ? { Name: plan.name } : {};
    const created: Peering = { id: peeringId, status: 'pending-acceptance', requester: sideOf(plan.requester), accepter: sideOf(plan.accepter), ...(plan.name ? { name: plan.name } : {}), tags };
    peerings = [...peerings, created].sort((a, b) => a.id.localeCompare(b.id));
  }
  const routeState = status === 'active' || (!status && peerings.find((p) => p.id === peeringId)?.status === 'active') ? 'active' : 'blackhole';
  const tables = new Map<string, RouteTable>();
  const groups = new Map<string, SecurityGroup>();
  const table = (id: string) => tables.get(id) ?? topology.routeTables.find((t) => t.id === id);
  const group = (id: string) => groups.get(id) ?? topology.securityGroups.find((g) => g.id === id);
  const acls = new Map<string, NetworkAcl>();
  const aclOf = (id: string) => acls.get(id) ?? topology.networkAcls.find((a) => a.id === id);
  for (const step of steps) {
    switch (step.kind) {
      case 'create-route':
      case 'delete-route': {
        const t = table(step.params.RouteTableId);
        if (!t) break;
        const destination = normaliseCidr(routeDestination(step.params));
        const others = t.routes.filter((r) => r.destination !== destination);
        const target: RouteTarget | undefined =
          step.kind !== 'create-route'
            ? undefined
            : 'TransitGatewayId' in step.params
              ? { kind: 'other', id: step.params.TransitGatewayId }
              : { kind: 'peering', peeringId: step.params.VpcPeeringConnectionId as PeeringId };
        tables.set(t.id, { ...t, routes: target ? [...others, { destination, target, state: target.kind === 'other' ? 'active' : routeState, origin: 'CreateRoute' }] : others });
        break;
      }
      case 'authorize-ingress':
      case 'revoke-ingress': {
        const g = group(step.params.GroupId);
        if (!g) break;
        const rules = rulesOf(step.params.IpPermissions, g.accountId);
        const kept = g.ingress.filter((r) => !rules.some((x) => sameRule(r, x)));
        groups.set(g.id, { ...g, ingress: step.kind === 'authorize-ingress' ? [...kept, ...rules] : kept });
        break;
      }
      case 'authorize-egress': {
        const g = group(step.params.GroupId);
        if (!g) break;
        const rules = rulesOf(step.params.IpPermissions, g.accountId);
        groups.set(g.id, { ...g, egress: [...g.egress.filter((r) => !rules.some((x) => sameRule(r, x))), ...rules] });
        break;
      }
      case 'create-network-acl-entry': {
        const a = aclOf(step.params.NetworkAclId);
        // The step's input has the fields of an entry as DescribeNetworkAcls shows it.
        const entry = toNetworkAclEntry(step.params as unknown as AwsNetworkAclEntry);
        if (!a || !entry) break;
        const others = a.entries.filter((e) => e.ruleNumber !== entry.ruleNumber || e.egress !== entry.egress);
        acls.set(a.id, { ...a, entries: [...others, entry].sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber) });
        break;
      }
      case 'revoke-egress': {
        const g = group(step.params.GroupId);
        if (!g) break;
        const rules = rulesOf(step.params.IpPermissions, g.accountId);
        groups.set(g.id, { ...g, egress: g.egress.filter((r) => !rules.some((x) => sameRule(r, x))) });
        break;
      }
      case 'modify-options': {
        const options = step.params;
        peerings = peerings.map((p) => {
          if (p.id !== peeringId) return p;
          const dns = (side: PeeringSide, o: { AllowDnsResolutionFromRemoteVpc: boolean } | undefined) => (o ? { ...side, allowDnsResolutionFromRemoteVpc: o.AllowDnsResolutionFromRemoteVpc } : side);
          return { ...p, requester: dns(p.requester, options.RequesterPeeringConnectionOptions), accepter: dns(p.accepter, options.AccepterPeeringConnectionOptions) };
        });
        break;
      }
      default:
        // create, accept, delete and reject change the peering's status, set once below.
        break;
    }
  }
  if (status) {
    peerings = peerings.map((p) => {
      if (p.id !== peeringId || p.status === status) return p;
      const { statusMessage: _message, expirationTime: _expires, ...rest } = p;
      return { ...rest, status };
    });
  }
  return {
    ...topology,
    peerings,
    routeTables: tables.size ? topology.routeTables.map((t) => tables.get(t.id) ?? t) : topology.routeTables,
    securityGroups: groups.size ? topology.securityGroups.map((g) => groups.get(g.id) ?? g) : topology.securityGroups,
    networkAcls: acls.size ? topology.networkAcls.map((a) => acls.get(a.id) ?? a) : topology.networkAcls,
  };
}
