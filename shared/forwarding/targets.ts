/** Where a route sends traffic, for every kind of target a route table can name. */

/** Every kind of route target, by what AWS names in a route (`GatewayId`, `NatGatewayId`, …). */
export type TargetKind =
  /** The VPC's own blocks (`GatewayId: local`). */
  | 'local'
  | 'peering'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'transit-gateway'
  /** A transit gateway's attachment, as a transit gateway route names it (a VPC, VPN, Direct Connect gateway, Connect or peering attachment). */
  | 'transit-gateway-attachment'
  /** A network interface: an appliance, or an instance's interface (AWS reports both ids; the interface's is kept). */
  | 'network-interface'
  | 'instance'
  | 'virtual-private-gateway'
  /** A gateway endpoint (S3, DynamoDB) or a Gateway Load Balancer endpoint. */
  | 'vpc-endpoint'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'core-network'
  /** An id of no kind above (the snapshot keeps whatever AWS named). */
  | 'unknown';

/** One target: its kind and its id (`local` for the local route). */
export interface ForwardTarget {
  readonly kind: TargetKind;
  readonly id: string;
}

/** Id prefixes of the target kinds, the longer first where one starts another (`tgw-attach-` before `tgw-`). */
const PREFIXES: readonly (readonly [string, TargetKind])[] = [
  ['pcx-', 'peering'],
  ['tgw-attach-', 'transit-gateway-attachment'],
  ['igw-', 'internet-gateway'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['tgw-', 'transit-gateway'],
  ['eni-', 'network-interface'],
  ['i-', 'instance'],
  ['vgw-', 'virtual-private-gateway'],
  ['vpce-', 'vpc-endpoint'],
  ['lgw-', 'local-gateway'],
  ['cagw-', 'carrier-gateway'],
];

/** The kind of target an id names: `igw-1` an internet gateway, `local` the local route, a Cloud WAN ARN a core network. */
export function targetKindOfId(id: string): TargetKind {
  if (id === 'local') return 'local';
  for (const [prefix, kind] of PREFIXES) if (id.startsWith(prefix)) return kind;
  if (id.startsWith('arn:') && id.includes(':core-network/')) return 'core-network';
  return 'unknown';
}

/** True for targets that hand traffic to another route table the engine can follow (a peer VPC's, a transit gateway's). */
export function leadsToAnotherTable(kind: TargetKind): boolean {
  return kind === 'peering' || kind === 'transit-gateway' || kind === 'transit-gateway-attachment';
}
