/** A DHCP options set's stored record, its id form, and what a region's default set holds. */
import { createHash } from 'node:crypto';

import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** DHCP options set ids and the errors AWS answers for a malformed or unknown one. */
export const DHCP_OPTIONS_IDS: IdSpec = {
  prefix: 'dopt-',
  notFound: 'InvalidDhcpOptionID.NotFound',
  malformed: 'InvalidDhcpOptionsId.Malformed',
  noun: 'dhcpOption ID',
};

/** One option of a set: its key (`domain-name`, `domain-name-servers` …) and values. */
export interface DhcpConfigurationRec {
  key: string;
  values: string[];
}

/** A DHCP options set. */
export interface DhcpOptionsRec {
  id: string;
  ownerId: string;
  region: string;
  configurations: DhcpConfigurationRec[];
  tags: TagMap;
  /** The region's default set (AWS makes one per region of an account). */
  isDefault?: boolean;
  /** A default set the account deleted: kept, unlisted, so that the region does not make it again
   * until a new VPC needs one. */
  deleted?: boolean;
}

/** The id of an account's first default set in a region: fixed by the account and region, so a
 * region's default set needs no id from the world's sequence (scenario ids stay as they were). */
export function defaultDhcpOptionsId(accountId: string, region: string): string {
  return `dopt-${createHash('sha256').update(`${accountId}/${region}`).digest('hex').slice(0, 17)}`;
}

/** What a region's default set holds: the domain name AWS gives the region's instances
 * (`ec2.internal` in us-east-1, `<region>.compute.internal` elsewhere) and the Amazon DNS server. */
export function defaultConfigurations(region: string): DhcpConfigurationRec[] {
  return [
    { key: 'domain-name', values: [region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`] },
    { key: 'domain-name-servers', values: ['AmazonProvidedDNS'] },
  ];
}
