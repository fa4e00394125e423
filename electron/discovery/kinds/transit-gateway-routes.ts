/** Every route of one transit gateway route table through SearchTransitGatewayRoutes, which
 * answers at most `MaxResults` (1000) routes per query and says `AdditionalRoutesAvailable` when
 * there are more: the query is split until each part fits. */
import type { Filter, TransitGatewayRoute as AwsTransitGatewayRoute } from '@aws-sdk/client-ec2';

/** One query's answer: its routes, and whether AWS held more back. */
export interface RouteSearchAnswer {
  readonly routes: readonly AwsTransitGatewayRoute[];
  readonly more: boolean;
}

/** Runs one SearchTransitGatewayRoutes query of the table with these filters. */
export type SearchRoutes = (filters: Filter[]) => Promise<RouteSearchAnswer>;

/** A table's routes, and whether they are all of them. */
export interface TableRoutes {
  readonly routes: readonly AwsTransitGatewayRoute[];
  readonly complete: boolean;
}

/** The two states that route (or drop) traffic; `pending`, `deleting` and `deleted` routes are left out. */
const STATES: Filter = { Name: 'state', Values: ['active', 'blackhole'] };
const TYPES = ['static', 'propagated'] as const;

/** A CIDR prefix as numbers, to halve it. */
interface Prefix {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly length: number;
}

/** The whole IPv4 and IPv6 spaces: every CIDR route is a subnet of one of them. */
export const ALL_ADDRESSES: readonly Prefix[] = [
  { family: 4, network: 0n, length: 0 },
  { family: 6, network: 0n, length: 0 },
];

const bits = (p: Prefix) => (p.family === 4 ? 32 : 128);

function halves(p: Prefix): readonly [Prefix, Prefix] {
  const high = 1n << BigInt(bits(p) - p.length - 1);
  return [
    { ...p, length: p.length + 1 },
    { ...p, network: p.network | high, length: p.length + 1 },
  ];
}

/** `10.0.0.0/8`, or IPv6 as eight groups (`8000:0:0:0:0:0:0:0/1`). */
export function prefixText(p: Prefix): string {
  if (p.family === 4) return `${[24n, 16n, 8n, 0n].map((s) => String((p.network >> s) & 255n)).join('.')}/${p.length}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((p.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${p.length}`;
}

function routeKey(r: AwsTransitGatewayRoute): string {
  return `${r.Type ?? ''} ${r.DestinationCidrBlock ?? r.PrefixListId ?? ''}`;
}

/**
 * Every active and blackhole route of a table. One query asks for both types; when AWS holds
 * routes back, each type is asked for alone; a type still cut short is split by destination:
 * `route-search.subnet-of-match` on the whole IPv4 and IPv6 spaces (`roots`), and a part still
 * cut short into its own route (`route-search.exact-match`) and its two halves, until every part
 * fits. Routes to a managed prefix list have no CIDR for the split to find: when a split was
 * needed and the first answer held any, the others of that type may be missing, and the routes
 * are not `complete`.
 */
export async function searchAllRoutes(search: SearchRoutes, roots: readonly Prefix[] = ALL_ADDRESSES): Promise<TableRoutes> {
  const first = await search([{ Name: 'type', Values: [...TYPES] }, STATES]);
  if (!first.more) return { routes: first.routes, complete: true };
  const found = new Map<string, AwsTransitGatewayRoute>();
  const add = (routes: readonly AwsTransitGatewayRoute[]) => {
    for (const r of routes) if (!found.has(routeKey(r))) found.set(routeKey(r), r);
  };
  add(first.routes);
  let complete = true;
  await Promise.all(
    TYPES.map(async (type) => {
      const base: Filter[] = [{ Name: 'type', Values: [type] }, STATES];
      const whole = await search(base);
      add(whole.routes);
      if (!whole.more) return;
      if (first.routes.some((r) => r.Type === type && r.PrefixListId)) complete = false;
      const walk = async (p: Prefix): Promise<void> => {
        const part = await search([...base, { Name: 'route-search.subnet-of-match', Values: [prefixText(p)] }]);
        add(part.routes);
        if (!part.more) return;
        // A single prefix holds one route per type, so this only guards against a server that says otherwise.
        if (p.length === bits(p)) {
          complete = false;
          return;
        }
        const [low, high] = halves(p);
        const [own] = await Promise.all([search([...base, { Name: 'route-search.exact-match', Values: [prefixText(p)] }]), walk(low), walk(high)]);
        add(own.routes);
      };
      await Promise.all(roots.map(walk));
    }),
  );
  return { routes: [...found.values()], complete };
}
