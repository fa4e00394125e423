/** A network ACL's stored record (its entries, both directions, and its subnet associations) and
 * its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Network ACL ids and the errors AWS answers for a malformed or unknown one. */
export const NETWORK_ACL_IDS: IdSpec = {
  prefix: 'acl-',
  notFound: 'InvalidNetworkAclID.NotFound',
  malformed: 'InvalidNetworkAclId.Malformed',
  noun: 'networkAcl ID',
};

/** The rule number of the IPv4 `*` rule (as DescribeNetworkAcls shows it); the IPv6 one is next. */
export const STAR_RULE_IPV4 = 32767;
export const STAR_RULE_IPV6 = 32768;

/** One entry (rule) of one direction; exactly one of the two blocks is set. */
export interface NetworkAclEntryRec {
  ruleNumber: number;
  egress: boolean;
  /** The protocol number as text (`-1` for all), as AWS stores it whatever name was given. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  /** Kept for ICMP (1) and ICMPv6 (58) only. */
  icmpTypeCode?: { code: number; type: number };
  /** Kept for TCP (6) and UDP (17) only. */
  portRange?: { from: number; to: number };
}

/** A subnet's association with a network ACL (every subnet has exactly one). */
export interface NetworkAclAssocRec {
  id: string;
  subnetId: string;
}

/** A network ACL. */
export interface NetworkAclRec {
  id: string;
  vpcId: string;
  ownerId: string;
  region: string;
  isDefault: boolean;
  /** Sorted as DescribeNetworkAcls lists them: egress first, each direction by rule number. */
  entries: NetworkAclEntryRec[];
  associations: NetworkAclAssocRec[];
  tags: TagMap;
}

/** The order DescribeNetworkAcls lists entries in. */
export function sortEntries(entries: NetworkAclEntryRec[]): void {
  entries.sort((a, b) => (a.egress === b.egress ? a.ruleNumber - b.ruleNumber : a.egress ? -1 : 1));
}
