import { describe, expect, it } from 'vitest';

import { computeViewState } from '../../../renderer/graph/view-state';
import { planPathFix } from '../../../shared/planning/plan-path-fix';
import { route } from '../../support/fixtures/build-topology';
import { buildReachEstate } from '../../support/fixtures/reach-estate';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';
import { DEMO_PEERINGS, demoLikeTopology, demoVpcId } from '../../support/fixtures/snapshots/demo-like';

const topology = demoLikeTopology();
const classOf = (view: ReturnType<typeof computeViewState>, key: string) => view.vpcClass.get(demoVpcId(key)) ?? view.defaultVpcClass;

describe('computeViewState', () => {
  it('leaves everything plain when nothing is selected, searched or painted', () => {
    const view = computeViewState(topology, { vpcIds: [] }, 'normal', '', false);
    expect(view.defaultVpcClass).toBe('');
    expect(view.ghosts).toEqual([]);
  });

  it('marks the peers of a selected VPC, the VPCs it reaches only through others, and dims the rest', () => {
    const view = computeViewState(topology, { vpcIds: [demoVpcId('prod-app')] }, 'normal', '', false);
    expect(classOf(view, 'prod-app')).toBe('is-selected');
    // A peer whose routes carry traffic both ways is tinted as reached both ways.
    expect(classOf(view, 'shared-services')).toBe('is-peer is-reaches-both');
    expect(classOf(view, 'dev-tools')).toBe('is-indirect');
    expect(classOf(view, 'prod-app-eu')).toBe('is-indirect');
    expect(classOf(view, 'dev-sandbox')).toBe('is-dimmed');
    expect(view.edgeClass.get(DEMO_PEERINGS.sharedToProdApp)).toBe('is-incident');
    expect(view.edgeClass.get(DEMO_PEERINGS.pendingEu) ?? view.defaultEdgeClass).toBe('is-dimmed');
  });

  it('tints the VPCs a selected VPC reaches through transit gateways by direction, and not as "only via others"', () => {
    // a–b–c are chained by peerings, and tgw-1 carries a ↔ c; d is beyond the gateway peering.
    const view = computeViewState(tgwEstate(), { vpcIds: ['vpc-a'] }, 'normal', '', false);
    expect(view.vpcClass.get('vpc-c')).toBe('is-reaches-both');
    expect(view.vpcClass.get('vpc-d')).toBe('is-reaches-both');
    expect(view.vpcClass.get('vpc-b')).toBe('is-peer is-reaches-both');
    // c sends a's block to the b peering: a reaches c, c does not reach back.
    const oneWay = computeViewState(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), { vpcIds: ['vpc-a'] }, 'normal', '', false);
    expect(oneWay.vpcClass.get('vpc-c')).toBe('is-indirect is-reaches-there');
    expect(computeViewState(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), { vpcIds: ['vpc-c'] }, 'normal', '', false).vpcClass.get('vpc-a')).toBe('is-indirect is-reaches-back');
  });

  it('draws a dashed would-be path to each VPC reached only through others, naming the VPCs between', () => {
    const view = computeViewState(topology, { vpcIds: [demoVpcId('prod-app')] }, 'normal', '', false);
    const ghost = view.ghosts.find((g) => g.target === demoVpcId('prod-app-eu'))!;
    expect(ghost.source).toBe(demoVpcId('prod-app'));
    expect(ghost.data!.via).toEqual([demoVpcId('shared-services'), demoVpcId('shared-services-eu')]);
    expect(ghost.data!.label).toBe('only via shared-services → shared-services-eu: not transitive');
  });

  it('explains a selected pair and puts the VPC between them on the path', () => {
    const view = computeViewState(topology, { vpcIds: [demoVpcId('prod-app'), demoVpcId('dev-tools')] }, 'normal', '', false);
    expect(view.pair?.status).toBe('indirect');
    expect(classOf(view, 'shared-services')).toBe('is-on-path');
    expect(view.edgeClass.get(DEMO_PEERINGS.sharedToDevTools)).toBe('is-on-path');
    expect(view.ghosts).toHaveLength(1);
  });

  it('with the fix of a selected pair open, draws the proposed peering labelled with the count of changes instead of the detour', () => {
    const from = demoVpcId('prod-app');
    const to = demoVpcId('dev-tools');
    const view = computeViewState(topology, { vpcIds: [from, to] }, 'normal', '', false, { pathFix: { from, to } });
    const fix = planPathFix(topology, { from, to });
    if (!fix.ok || fix.value.status !== 'plan') throw new Error('the pair should have a fix plan');
    expect(view.ghosts.map((g) => g.id)).toEqual([`proposed:${from}:${to}`]);
    expect(view.ghosts[0]!.data).toMatchObject({ proposed: true, label: `proposed peering · ${fix.value.plan.steps.length} changes` });
    expect(classOf(view, 'prod-app')).toContain('is-fix-path');
    expect(classOf(view, 'dev-tools')).toContain('is-fix-path');
    expect(classOf(view, 'shared-services')).toBe('is-dimmed');
  });

  it('paints every VPC with an overlapping block in conflicts mode', () => {
    const view = computeViewState(topology, { vpcIds: [] }, 'conflicts', '', false);
    const painted = [...view.vpcClass].filter(([, c]) => c.includes('is-conflict')).map(([id]) => id).sort();
    expect(painted).toEqual(['prod-app', 'dev-app', 'prod-data', 'legacy-ap'].map(demoVpcId).sort());
    expect(classOf(view, 'shared-services')).toBe('is-dimmed');
  });

  it('highlights search matches and dims the rest', () => {
    const view = computeViewState(topology, { vpcIds: [] }, 'normal', 'region:ap-southeast-2', false);
    expect(classOf(view, 'legacy-ap')).toBe('is-match');
    expect(classOf(view, 'prod-app')).toBe('is-dimmed');
  });

  it('outlines both ends of a selected peering', () => {
    const view = computeViewState(topology, { vpcIds: [], item: { kind: 'peering', id: DEMO_PEERINGS.pendingEu } }, 'normal', '', false);
    expect(classOf(view, 'prod-app-eu')).toBe('is-peer');
    expect(classOf(view, 'dev-app-eu')).toBe('is-peer');
    expect(view.edgeClass.get(DEMO_PEERINGS.pendingEu)).toBe('is-selected');
  });

  it('marks a peering found by search on its edge, and VPCs found by their account profile on their cards', () => {
    const byName = computeViewState(topology, { vpcIds: [] }, 'normal', 'us-to-eu', false);
    expect(byName.edgeClass.get(DEMO_PEERINGS.sharedToSharedEu)).toBe('is-match');
    expect(byName.edgeClass.get(DEMO_PEERINGS.pendingEu) ?? byName.defaultEdgeClass).toBe('is-dimmed');
    expect(classOf(byName, 'shared-services')).toBe('is-dimmed');
    const byProfile = computeViewState(topology, { vpcIds: [] }, 'normal', 'network-admin', false);
    expect(classOf(byProfile, 'egress-hub')).toBe('is-match');
    expect(classOf(byProfile, 'prod-app')).toBe('is-dimmed');
  });
});

describe('computeViewState: the reach view', () => {
  it('tints the source and each connected VPC by its verdict on the asked port, and dims the rest', () => {
    const estate = buildReachEstate();
    const view = computeViewState(estate, { vpcIds: [] }, 'normal', '', false, { reach: { view: 'row', source: { kind: 'vpc', vpcId: 'vpc-hub' }, traffic: { protocol: 'tcp', port: 443 } } });
    const cls = (id: string) => view.vpcClass.get(id as never) ?? view.defaultVpcClass;
    expect(cls('vpc-hub')).toBe('is-reach-source');
    expect(cls('vpc-ok')).toBe('is-reach-ok');
    expect(cls('vpc-sg')).toBe('is-reach-blocked');
    expect(cls('vpc-far2')).toBe('is-reach-blocked');
    expect(cls('vpc-lone')).toBe('is-dimmed');
    // The matrix view leaves the canvas plain.
    const matrix = computeViewState(estate, { vpcIds: [] }, 'normal', '', false, { reach: { view: 'matrix', traffic: { protocol: 'tcp', port: 443 } } });
    expect(matrix.defaultVpcClass).toBe('');
  });
});
