/** The filters DescribeNetworkAcls accepts (besides `tag:<key>`, `tag-key` and `tag-value`). Each
 * `entry.*` filter tests the entries one by one, so two of them may match different entries. */
import type { FilterSpec } from '../../ec2/common';
import type { NetworkAclRec } from './records';

/** Names AWS accepts for a protocol number in the `entry.protocol` filter. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };

export const NETWORK_ACL_FILTERS: FilterSpec<NetworkAclRec> = {
  'association.association-id': (a) => a.associations.map((x) => x.id),
  'association.network-acl-id': (a) => (a.associations.length > 0 ? a.id : undefined),
  'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
  default: (a) => a.isDefault,
  'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
  'entry.icmp.code': (a) => a.entries.map((e) => e.icmpTypeCode?.code),
  'entry.icmp.type': (a) => a.entries.map((e) => e.icmpTypeCode?.type),
  'entry.ipv6-cidr': (a) => a.entries.map((e) => e.ipv6CidrBlock),
  'entry.port-range.from': (a) => a.entries.map((e) => e.portRange?.from),
  'entry.port-range.to': (a) => a.entries.map((e) => e.portRange?.to),
  'entry.protocol': (a) => a.entries.flatMap((e) => [e.protocol, PROTOCOL_NAMES[e.protocol]]),
  'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
  'entry.egress': (a) => a.entries.map((e) => e.egress),
  'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
  'network-acl-id': (a) => a.id,
  'owner-id': (a) => a.ownerId,
  'vpc-id': (a) => a.vpcId,
};
