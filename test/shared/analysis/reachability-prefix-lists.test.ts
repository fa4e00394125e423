import { describe, expect, it } from 'vitest';

import type { ReachabilityCheckKind, ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { ManagedPrefixList, Topology } from '../../../shared/model/topology';
import { prefixList, route, rule } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const DB = { protocol: 'tcp', port: 5432 } as const;
const pair = buildPeeredPair();

function check(x: ReachabilityExplanation, kind: ReachabilityCheckKind) {
  const found = x.checks.find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} check`);
  return found;
}

/** db's group allowing 5432 only from prefix list pl-app, with `lists` in the snapshot. */
function dbAllowsList(lists: readonly ManagedPrefixList[]): Topology {
  return {
    ...pair,
    prefixLists: lists,
    securityGroups: pair.securityGroups.map((g) => (g.id === 'sg-db' ? { ...g, ingress: [rule('tcp', 5432, 'pl-app')] } : g)),
  };
}

const DB_ACCOUNT = '222222222222';

describe('explainReachability: security-group rules naming a prefix list', () => {
  it('passes through an entry of the list holding the source, naming the list and the entry', () => {
    const x = explainReachability(dbAllowsList([prefixList('pl-app', ['192.168.0.0/24', '10.0.0.0/16'], { accountId: DB_ACCOUNT })]), '10.0.1.10', '10.1.1.20', DB);
    const c = check(x, 'destination-ingress');
    expect(c.status).toBe('pass');
    expect(c.message).toContain('allows tcp 5432 from prefix list pl-app (entry 10.0.0.0/16)');
  });

  it('fails when no entry holds the source, saying the list was read', () => {
    const x = explainReachability(dbAllowsList([prefixList('pl-app', ['192.168.0.0/24'], { accountId: DB_ACCOUNT })]), '10.0.1.10', '10.1.1.20', DB);
    const c = check(x, 'destination-ingress');
    expect(c.status).toBe('fail');
    expect(c.message).toContain('prefix list pl-app of sg-db holds none of the other side');
    expect(c.blockedBy).toMatchObject({ kind: 'security-group', groupIds: ['sg-db'], direction: 'ingress' });
  });

  it('stays unknown when the list is not in the snapshot', () => {
    const x = explainReachability(dbAllowsList([]), '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'destination-ingress').status).toBe('unknown');
  });

  it("reads the list in the group's own region", () => {
    const x = explainReachability(dbAllowsList([prefixList('pl-app', ['10.0.0.0/16'], { accountId: DB_ACCOUNT, region: 'us-east-1' })]), '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'destination-ingress').status).toBe('unknown');
  });
});

describe('explainReachability: routes to a prefix list', () => {
  /** rtb-a1 sends db's block through `pl-db` to `target` instead of a CIDR route. */
  function viaList(target: string, entries: readonly string[] | null): Topology {
    return {
      ...pair,
      prefixLists: entries ? [prefixList('pl-db', entries)] : [],
      routeTables: pair.routeTables.map((t) =>
        t.id === 'rtb-a1' ? { ...t, routes: [...t.routes.filter((r) => r.destination !== '10.1.0.0/16'), route('pl-db', target)] } : t,
      ),
    };
  }

  it('passes when an entry of the list holds the destination', () => {
    const x = explainReachability(viaList('pcx-ab', ['10.1.0.0/16']), '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'source-route')).toMatchObject({ status: 'pass', message: expect.stringContaining('(route pl-db)') });
    expect(x.verdict).toBe('reachable');
  });

  it('fails when the list is read and holds it not (the default route to the internet gateway decides)', () => {
    const c = check(explainReachability(viaList('pcx-ab', ['192.168.0.0/16']), '10.0.1.10', '10.1.1.20', DB), 'source-route');
    expect(c.status).toBe('fail');
    expect(c.blockedBy).toMatchObject({ kind: 'route', routeDestination: '0.0.0.0/0', target: { kind: 'internet-gateway' } });
  });

  it('fails naming the gateway endpoint when the list route takes the destination there', () => {
    const c = check(explainReachability(viaList('vpce-s3', ['10.1.0.0/16']), '10.0.1.10', '10.1.1.20', DB), 'source-route');
    expect(c.status).toBe('fail');
    expect(c.message).toContain('points at VPC endpoint vpce-s3');
    expect(c.blockedBy).toMatchObject({ routeDestination: 'pl-db', target: { kind: 'vpc-endpoint', id: 'vpce-s3' } });
  });

  it('stays unknown when the list is not in the snapshot', () => {
    expect(check(explainReachability(viaList('pcx-ab', null), '10.0.1.10', '10.1.1.20', DB), 'source-route').status).toBe('unknown');
  });
});
