/** The DHCP options set kind of the model: what a VPC's instances are told by DHCP (domain name,
 * DNS, NTP and NetBIOS servers), each option under its AWS key with its values as AWS lists them. */
import { z } from 'zod';

import type { AccountId, Region } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';

/** A DHCP options set id. */
export type DhcpOptionsId = `dopt-${string}`;

/** A DHCP options set (the region's default one too: `domain-name-servers` `AmazonProvidedDNS`). */
export interface DhcpOptions {
  readonly id: DhcpOptionsId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /**
   * Its options by AWS's key (`domain-name`, `domain-name-servers`, `ntp-servers`,
   * `netbios-name-servers`, `netbios-node-type`, `ipv6-address-preferred-lease-time`), each with
   * its values in AWS's order.
   */
  readonly configurations: Readonly<Record<string, readonly string[]>>;
}

/** Schema of a `DhcpOptionsId`. */
export const dhcpOptionsIdSchema = idSchema('dopt');

/** Schema of a `DhcpOptions`. */
export const dhcpOptionsSchema = z.object({
  id: dhcpOptionsIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  configurations: z.record(z.string(), z.array(z.string()).readonly()),
});

// Compile-time check that the schema produces exactly the type.
((d: z.infer<typeof dhcpOptionsSchema>): DhcpOptions => d) satisfies unknown;
((d: DhcpOptions): z.infer<typeof dhcpOptionsSchema> => d) satisfies unknown;

/** The DHCP options set kind, as the model's registry lists it. */
export const DHCP_OPTIONS_KIND: ModelKind<DhcpOptions> = { schema: dhcpOptionsSchema };

/** The DNS servers a set gives, when it names any. */
export function dnsServersOf(d: DhcpOptions | undefined): readonly string[] {
  return d?.configurations['domain-name-servers'] ?? [];
}

/** True when a set names DNS servers and none of them is the Amazon-provided resolver. */
export function hasOwnDnsServers(d: DhcpOptions | undefined): boolean {
  const servers = dnsServersOf(d);
  return servers.length > 0 && !servers.includes('AmazonProvidedDNS');
}
