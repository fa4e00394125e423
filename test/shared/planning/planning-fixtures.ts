/** Hand-made topologies for the planning tests: two VPCs not yet peered, in every account/region mix. */
import type { Topology, Vpc } from '../../../shared/model/topology';
import { route, routeTable, rule, securityGroup, subnet, topology, vpc } from '../../support/fixtures/build-topology';

/** Options of `unpeeredPair`. */
export interface PairOptions {
  /** Account of the accepter (default: a second account, 222…). */
  readonly accepterAccount?: string;
  /** Region of the accepter (default: the requester's, eu-west-1). */
  readonly accepterRegion?: string;
  /** Give the accepter an IPv6 block (default true). */
  readonly accepterIpv6?: boolean;
  /** Profiles per account (default: one named after each account). */
  readonly profiles?: Readonly<Record<string, readonly string[]>>;
}

/**
 * app (vpc-r, 10.0.0.0/16 + secondary 10.2.0.0/16 + 2600:1f18:a::/56, account 111…, eu-west-1)
 * and db (vpc-x, 10.1.0.0/16 [+ 2600:1f18:b::/56]).
 *
 * - vpc-r: subnet-r1 (explicit rtb-r1, which has 0.0.0.0/0 → igw-r), subnet-r2 (main rtb-rmain),
 *   rtb-rspare serves no subnet and must not be picked by default.
 * - vpc-x: subnet-x1 in explicit rtb-x1; its main table rtb-xmain serves nothing.
 * - sg-r in vpc-r, sg-x in vpc-x (sg-x already allows tcp 5432 from 10.0.0.0/16).
 */
export function unpeeredPair(opts: PairOptions = {}): { topology: Topology; requester: Vpc; accepter: Vpc } {
  const r = vpc('vpc-r', '10.0.0.0/16', { name: 'app', secondary: ['10.2.0.0/16'], ipv6: ['2600:1f18:a::/56'] });
  const x = vpc('vpc-x', '10.1.0.0/16', {
    name: 'db',
    accountId: opts.accepterAccount ?? '222222222222',
    region: opts.accepterRegion ?? 'eu-west-1',
    ipv6: opts.accepterIpv6 === false ? [] : ['2600:1f18:b::/56'],
  });
  const accounts = [...new Set([r.accountId, x.accountId])].sort().map((id) => ({ id, profiles: opts.profiles?.[id] ?? [`profile-${id}`] }));
  return {
    requester: r,
    accepter: x,
    topology: topology({
      accounts,
      vpcs: [r, x],
      subnets: [subnet('subnet-r1', r, '10.0.1.0/24'), subnet('subnet-r2', r, '10.0.2.0/24'), subnet('subnet-x1', x, '10.1.1.0/24')],
      routeTables: [
        routeTable('rtb-r1', r, { subnetIds: ['subnet-r1'], routes: [route('0.0.0.0/0', 'igw-r')] }),
        routeTable('rtb-rmain', r, { main: true }),
        routeTable('rtb-rspare', r, {}),
        routeTable('rtb-x1', x, { subnetIds: ['subnet-x1'] }),
        routeTable('rtb-xmain', x, { main: true }),
      ],
      securityGroups: [securityGroup('sg-r', r), securityGroup('sg-x', x, { ingress: [rule('tcp', 5432, '10.0.0.0/16')] })],
    }),
  };
}
