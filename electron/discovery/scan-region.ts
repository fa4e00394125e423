/** The EC2 describe calls of one account × region, all paginated, returned as the SDK gives them.
 *
 * The five describes do not depend on each other, so they run at once; each walks its pages
 * with `NextToken` until AWS returns none (EC2 API reference, "Pagination"). `to-topology.ts`
 * turns the result into the model.
 */
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';

/** Everything one account × region returned, untranslated. */
export interface RawRegionScan {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly peerings: readonly VpcPeeringConnection[];
  /** Pages fetched per action, for the benchmark's lower bound. */
  readonly pages: Readonly<Record<ScanAction, number>>;
}

/** The describe actions of a region scan. */
export type ScanAction =
  | 'DescribeVpcs'
  | 'DescribeSubnets'
  | 'DescribeRouteTables'
  | 'DescribeSecurityGroups'
  | 'DescribeVpcPeeringConnections';

/** Every action a region scan performs, in the order the progress grid lists them. */
export const SCAN_ACTIONS: readonly ScanAction[] = [
  'DescribeVpcs',
  'DescribeSubnets',
  'DescribeRouteTables',
  'DescribeSecurityGroups',
  'DescribeVpcPeeringConnections',
];

/** Page size per action: the largest each accepts (EC2 API reference, `MaxResults`), fewer pages = fewer calls. */
export const MAX_PAGE_SIZES: Readonly<Record<ScanAction, number>> = {
  DescribeVpcs: 1000,
  DescribeSubnets: 1000,
  DescribeRouteTables: 100,
  DescribeSecurityGroups: 1000,
  DescribeVpcPeeringConnections: 1000,
};

/** Runs one call of `action` (the caller adds rate limits, retries and timeouts). */
export type CallAction = <T>(action: ScanAction, send: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** Fetch every page of every describe of one region, concurrently; the first failure aborts the rest. */
export async function scanRegion(
  ec2: EC2Client,
  call: CallAction,
  pageSizes: Partial<Readonly<Record<ScanAction, number>>> = {},
): Promise<RawRegionScan> {
  const size = (a: ScanAction) => Math.min(MAX_PAGE_SIZES[a], Math.max(5, pageSizes[a] ?? MAX_PAGE_SIZES[a]));
  const pages: Record<ScanAction, number> = {
    DescribeVpcs: 0,
    DescribeSubnets: 0,
    DescribeRouteTables: 0,
    DescribeSecurityGroups: 0,
    DescribeVpcPeeringConnections: 0,
  };

  async function collect<O extends { NextToken?: string | undefined }, R>(
    action: ScanAction,
    send: (nextToken: string | undefined, signal: AbortSignal) => Promise<O>,
    items: (out: O) => readonly R[] | undefined,
  ): Promise<R[]> {
    const all: R[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const out = await call(action, (signal) => send(token, signal));
      pages[action] += 1;
      all.push(...(items(out) ?? []));
      token = out.NextToken || undefined;
      // A server that hands back a token it already gave would loop forever; stop instead.
      if (token !== undefined) {
        if (seen.has(token)) throw new Error(`${action} returned the same NextToken twice`);
        seen.add(token);
      }
    } while (token !== undefined);
    return all;
  }

  const opts = (abortSignal: AbortSignal) => ({ abortSignal });
  const [vpcs, subnets, routeTables, securityGroups, peerings] = await Promise.all([
    collect(
      'DescribeVpcs',
      (NextToken, s) => ec2.send(new DescribeVpcsCommand({ MaxResults: size('DescribeVpcs'), NextToken }), opts(s)),
      (o) => o.Vpcs,
    ),
    collect(
      'DescribeSubnets',
      (NextToken, s) => ec2.send(new DescribeSubnetsCommand({ MaxResults: size('DescribeSubnets'), NextToken }), opts(s)),
      (o) => o.Subnets,
    ),
    collect(
      'DescribeRouteTables',
      (NextToken, s) =>
        ec2.send(new DescribeRouteTablesCommand({ MaxResults: size('DescribeRouteTables'), NextToken }), opts(s)),
      (o) => o.RouteTables,
    ),
    collect(
      'DescribeSecurityGroups',
      (NextToken, s) =>
        ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: size('DescribeSecurityGroups'), NextToken }), opts(s)),
      (o) => o.SecurityGroups,
    ),
    collect(
      'DescribeVpcPeeringConnections',
      (NextToken, s) =>
        ec2.send(
          new DescribeVpcPeeringConnectionsCommand({ MaxResults: size('DescribeVpcPeeringConnections'), NextToken }),
          opts(s),
        ),
      (o) => o.VpcPeeringConnections,
    ),
  ]);
  return { vpcs, subnets, routeTables, securityGroups, peerings, pages };
}
