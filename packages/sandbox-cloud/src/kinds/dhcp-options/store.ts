/** What other kinds ask of DHCP options sets: a region's default set (a new VPC is associated with
 * it), and the caller's set by id. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { World } from '../../state/world';
import { DHCP_OPTIONS_IDS, defaultConfigurations, defaultDhcpOptionsId, type DhcpOptionsRec } from './records';

/**
 * The default set of an account's region, made the first time the region is used for DHCP options
 * or a VPC ("Each Region has a default DHCP option set", Amazon VPC user guide). After the account
 * deleted it, it is made again (with a new id) only for a new VPC, as AWS makes it again with a
 * new default VPC; until then there is none (undefined).
 */
export function defaultDhcpOptions(world: World, accountId: string, region: string, forNewVpc: boolean): DhcpOptionsRec | undefined {
  let marker: DhcpOptionsRec | undefined;
  for (const d of world.cell(accountId, region).table('dhcpOptions').values()) {
    if (!d.isDefault) continue;
    if (!d.deleted) return d;
    marker = d;
  }
  if (marker && !forNewVpc) return undefined;
  const d: DhcpOptionsRec = {
    id: marker ? world.newId('dopt') : defaultDhcpOptionsId(accountId, region),
    ownerId: accountId,
    region,
    configurations: defaultConfigurations(region),
    tags: {},
    isDefault: true,
  };
  if (marker) world.remove(marker.id);
  world.put('dhcpOptions', d);
  return d;
}

/** The DHCP options set id a new VPC of the account's region is associated with. */
export function dhcpOptionsIdForNewVpc(world: World, accountId: string, region: string): string {
  return (defaultDhcpOptions(world, accountId, region, true) as DhcpOptionsRec).id;
}

/** The caller's sets here (the default one included, made if it is due). */
export function liveDhcpOptions(ctx: CallContext): DhcpOptionsRec[] {
  defaultDhcpOptions(ctx.world, ctx.accountId, ctx.region, false);
  return [...ctx.cell.table('dhcpOptions').values()].filter((d) => !d.deleted);
}

/** The caller's set `id`, or the AWS error for a malformed or unknown id. */
export function requireDhcpOptions(ctx: CallContext, id: string | undefined): DhcpOptionsRec {
  if (!id) throw missingParameter('DhcpOptionsId');
  assertWellFormedId(DHCP_OPTIONS_IDS, id);
  const d = liveDhcpOptions(ctx).find((x) => x.id === id);
  if (!d) throw notFound(DHCP_OPTIONS_IDS, id);
  return d;
}
