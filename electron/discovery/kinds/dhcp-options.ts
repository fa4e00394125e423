/** DHCP options sets in discovery: DescribeDhcpOptions, each set with its options by key. */
import { DescribeDhcpOptionsCommand, type DhcpOptions as AwsDhcpOptions } from '@aws-sdk/client-ec2';

import type { DhcpOptions, DhcpOptionsId } from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one set: each option's values in AWS's order, an option without values left out. */
export function toDhcpOptions(d: AwsDhcpOptions, seen: { accountId: string; region: string }): DhcpOptions | undefined {
  if (!d.DhcpOptionsId?.startsWith('dopt-')) return undefined;
  const configurations: Record<string, readonly string[]> = {};
  for (const c of d.DhcpConfigurations ?? []) {
    const values = (c.Values ?? []).flatMap((v) => (v.Value !== undefined ? [v.Value] : []));
    if (c.Key && values.length > 0) configurations[c.Key] = values;
  }
  return {
    id: d.DhcpOptionsId as DhcpOptionsId,
    accountId: d.OwnerId ?? seen.accountId,
    region: seen.region,
    ...nameOf(toTags(d.Tags)),
    configurations,
  };
}

/** The DHCP options set kind of discovery. */
export const DHCP_OPTIONS_DISCOVERY = discoveryKind({
  actions: { DescribeDhcpOptions: 1000 },
  optional: true,
  scan: (ec2, fetch) => fetch('DescribeDhcpOptions', (page, abortSignal) => ec2.send(new DescribeDhcpOptionsCommand(page), { abortSignal }), (o) => o.DhcpOptions),
  translate: (d: AwsDhcpOptions, seen) => toDhcpOptions(d, seen),
  merge: mergeRegional<DhcpOptions>,
  carry: carryRegional<DhcpOptions>,
});
