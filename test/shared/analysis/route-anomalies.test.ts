import { describe, expect, it } from 'vitest';

import { describeAnomalyKind, findRouteAnomalies } from '../../../shared/analysis/route-anomalies';
import type { Route } from '../../../shared/model/topology';
import { peering, route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const hub = vpc('vpc-hub', '10.0.0.0/16', { name: 'hub' });
const app = vpc('vpc-app', '10.64.0.0/16', { name: 'app' });
const db = vpc('vpc-db', '10.65.0.0/16', { name: 'db' });
const other = vpc('vpc-other', '10.99.0.0/16');

function anomaliesOf(routes: Route[]) {
  return findRouteAnomalies(
    topology({
      vpcs: [hub, app, db, other],
      subnets: [subnet('subnet-hub', hub, '10.0.1.0/24')],
      routeTables: [routeTable('rtb-hub', hub, { main: true, routes })],
      peerings: [
        peering('pcx-app', hub, app),
        peering('pcx-db', db, hub, 'pending-acceptance'),
        peering('pcx-gone', hub, other, 'deleted'),
        peering('pcx-elsewhere', app, db),
      ],
    }),
  );
}

describe('findRouteAnomalies', () => {
  it('finds nothing wrong with a route to the peer block over an active peering', () => {
    expect(anomaliesOf([route('10.64.0.0/16', 'pcx-app'), route('10.64.3.0/24', 'pcx-app')])).toEqual([]);
  });

  it.each<{ name: string; routes: Route[]; kind: string; words: readonly string[]; fix: string }>([
    { name: 'a route to a deleted peering', routes: [route('10.99.0.0/16', 'pcx-gone', 'blackhole')], kind: 'stale-peering', words: ['pcx-gone, which is deleted', 'blackhole left behind'], fix: 'aws ec2 delete-route --route-table-id rtb-hub --destination-cidr-block 10.99.0.0/16' },
    { name: 'a route to a peering not in the snapshot', routes: [route('10.99.0.0/16', 'pcx-unknown')], kind: 'stale-peering', words: ['not in the snapshot'], fix: 'delete-route' },
    { name: 'a route to a pending peering', routes: [route('10.65.0.0/16', 'pcx-db', 'blackhole')], kind: 'not-yet-active', words: ['pending-acceptance', 'until the peering is active'], fix: 'Accept pcx-db as account 111111111111 in eu-west-1' },
    { name: 'a default route into a peering', routes: [route('0.0.0.0/0', 'pcx-app')], kind: 'beyond-peer', words: ['default route into a peering', 'no edge-to-edge routing'], fix: "own internet or NAT gateway" },
    { name: "a third VPC's block sent into a peering", routes: [route('10.65.0.0/16', 'pcx-app')], kind: 'beyond-peer', words: ['it covers db (vpc-db)', 'not transitive'], fix: 'Peer directly with db (vpc-db)' },
    { name: 'a wide route covering the peer and more', routes: [route('10.64.0.0/10', 'pcx-app')], kind: 'beyond-peer', words: ['holds only 10.64.0.0/16', 'db (vpc-db), vpc-other'], fix: 'narrow this route to 10.64.0.0/16' },
    { name: 'a route into a peering of two other VPCs', routes: [route('10.65.0.0/16', 'pcx-elsewhere')], kind: 'foreign-peering', words: ['joins app (vpc-app) and db (vpc-db), not this VPC'], fix: 'delete-route' },
  ])('reports $name as $kind', ({ routes, kind, words, fix }) => {
    const found = anomaliesOf(routes);
    expect(found).toHaveLength(1);
    const a = found[0]!;
    expect(a.kind).toBe(kind);
    expect(a).toMatchObject({ routeTableId: 'rtb-hub', vpcId: 'vpc-hub', isServing: true });
    for (const w of words) expect(a.message).toContain(w);
    expect(a.fix).toContain(fix);
    expect(describeAnomalyKind(a.kind).length).toBeGreaterThan(3);
  });

  it('names the VPCs a transit route was meant for, and flags default routes', () => {
    const [a] = anomaliesOf([route('10.65.0.0/16', 'pcx-app')]);
    expect(a).toMatchObject({ kind: 'beyond-peer', peerVpcId: 'vpc-app', peerBlocks: ['10.64.0.0/16'], intendedVpcIds: ['vpc-db'], isDefaultRoute: false });
    const [d] = anomaliesOf([route('0.0.0.0/0', 'pcx-app')]);
    expect(d).toMatchObject({ kind: 'beyond-peer', intendedVpcIds: [], isDefaultRoute: true });
  });

  it('names only the VPCs this route decides for: more specific routes take the others', () => {
    const vpn: Route = { ...route('10.99.0.0/16', 'vgw-1'), origin: 'EnableVgwRoutePropagation' };
    const [wide] = anomaliesOf([route('10.64.0.0/10', 'pcx-app'), route('10.65.0.0/16', 'tgw-1')]);
    expect(wide).toMatchObject({ kind: 'beyond-peer', intendedVpcIds: ['vpc-other'] });
    const [none] = anomaliesOf([route('10.64.0.0/10', 'pcx-app'), route('10.65.0.0/16', 'tgw-1'), vpn]);
    expect(none).toMatchObject({ kind: 'beyond-peer', intendedVpcIds: [] });
    expect(none!.message).toContain('are dropped there');
  });

  it('marks routes in tables that serve no subnet', () => {
    const t = topology({
      vpcs: [hub, app],
      routeTables: [routeTable('rtb-idle', hub, { routes: [route('0.0.0.0/0', 'pcx-app')] })],
      peerings: [peering('pcx-app', hub, app)],
    });
    expect(findRouteAnomalies(t)[0]).toMatchObject({ routeTableId: 'rtb-idle', isServing: false });
  });
});
