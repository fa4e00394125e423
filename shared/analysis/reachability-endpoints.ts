/** The two ends of a reachability question: a VPC, subnet, instance or network interface id, or an IP address, resolved in a topology. */
import { findVpcsByAddress } from '../cidr/find-vpcs-by-ip';
import type { Cidr, CidrRange, IpFamily } from '../cidr/parse-cidr';
import { addressToRange, parseIpAddress } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { SubnetId, VpcId } from '../model/ids';
import type { Topology } from '../model/topology';
import type { ReachabilityCheck, ResolvedEndpoint } from './reachability-types';
import type { TopologyIndex } from './topology-index';
import { labelVpc } from './topology-index';

/** An endpoint found (with its ranges and the check saying so), or the failing check. */
export type Resolution =
  | { readonly ok: true; readonly endpoint: ResolvedEndpoint; readonly ranges: readonly CidrRange[]; readonly check: ReachabilityCheck }
  | { readonly ok: false; readonly check: ReachabilityCheck; readonly ambiguous?: true };

/** Which of several VPCs holding an address is meant: the one that is, or is actively peered with, the other endpoint's VPC. */
export type PreferVpc = (vpcId: VpcId) => boolean;

/** Resolve `input` as the source or destination, in `family`; `prefer` picks among overlapping VPCs holding an address. */
export function resolveEndpoint(topology: Topology, index: TopologyIndex, input: string, role: 'source' | 'destination', family: IpFamily, prefer?: PreferVpc): Resolution {
  const text = input.trim();
  const fail = (message: string, fix: string, resourceIds: readonly string[] = []): Resolution => ({
    ok: false,
    check: { kind: role, status: 'fail', resourceIds, message, fix, blockedBy: { kind: 'endpoint', role, input: text } },
  });
  if (text.startsWith('vpc-')) {
    const vpc = index.vpcById.get(text as VpcId);
    if (!vpc) return fail(`The ${role} VPC ${text} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.', [text]);
    const ranges = (collectVpcBlocks(topology).byVpc.get(vpc.id) ?? []).filter((b) => b.family === family);
    if (ranges.length === 0) return fail(`${labelVpc(index, vpc.id)} has no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} block.`, `Check ${family === 'ipv4' ? 'IPv6' : 'IPv4'} instead, or associate a block.`, [vpc.id]);
    const subnetIds = (index.subnetsByVpc.get(vpc.id) ?? []).map((s) => s.id);
    const endpoint: ResolvedEndpoint = { input, kind: 'vpc', vpcId: vpc.id, subnetIds, cidrs: ranges.map((r) => r.cidr) };
    return resolved(endpoint, ranges, role, [vpc.id], `${cap(role)} is ${labelVpc(index, vpc.id)} (${endpoint.cidrs.join(', ')}), ${subnetIds.length} subnet${subnetIds.length === 1 ? '' : 's'}.`);
  }
  if (text.startsWith('subnet-')) {
    const subnet = index.subnetById.get(text as SubnetId);
    if (!subnet) return fail(`The ${role} subnet ${text} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.', [text]);
    const ranges = (family === 'ipv4' ? [subnet.cidr] : subnet.ipv6Cidrs).map((c) => index.rangeOf(c)).filter((r): r is CidrRange => r !== null);
    if (ranges.length === 0) return fail(`${subnet.id} has no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} block.`, 'Check the other address family.', [subnet.id]);
    const endpoint: ResolvedEndpoint = { input, kind: 'subnet', vpcId: subnet.vpcId, subnetIds: [subnet.id], cidrs: ranges.map((r) => r.cidr) };
    return resolved(endpoint, ranges, role, [subnet.id, subnet.vpcId], `${cap(role)} is subnet ${subnet.name ? `${subnet.name} (${subnet.id})` : subnet.id} (${endpoint.cidrs.join(', ')}) in ${labelVpc(index, subnet.vpcId)}.`);
  }
  if (text.startsWith('i-') || text.startsWith('eni-')) return resolveHost(topology, index, input, text, role, family);
  const ip = parseIpAddress(text);
  if (!ip.ok) {
    return fail(
      `The ${role} "${text}" is not a VPC, subnet, instance or network interface id, nor an IP address: ${ip.error.message}`,
      'Give vpc-…, subnet-…, i-…, eni-… or an address such as 10.0.1.5.',
    );
  }
  const matches = findVpcsByAddress(topology, ip.value);
  if (matches.length === 0) {
    return fail(`No scanned VPC holds ${ip.value.text}.`, 'Check the address, or scan the account and region of the VPC that holds it.');
  }
  const inSubnet = matches.filter((m) => m.subnetId !== undefined);
  const all = inSubnet.length > 0 ? inSubnet : matches;
  const preferred = prefer ? all.filter((m) => prefer(m.vpcId)) : [];
  const candidates = preferred.length === 1 ? preferred : all;
  if (candidates.length > 1) {
    return {
      ok: false,
      ambiguous: true,
      check: {
        kind: role,
        status: 'fail',
        resourceIds: candidates.map((m) => m.vpcId),
        message: `${ip.value.text} is in ${candidates.length} VPCs whose blocks overlap (${candidates.map((m) => `${m.vpcId} ${m.block}`).join(', ')}): the address is ambiguous.`,
        fix: `Give the subnet id instead (${candidates.map((m) => m.subnetId ?? m.vpcId).join(' or ')}).`,
        blockedBy: { kind: 'endpoint', role, input: text },
      },
    };
  }
  const match = candidates[0]!;
  const alsoIn = all.filter((m) => m !== match).map((m) => m.vpcId);
  const range = addressToRange(ip.value);
  // An address an interface holds is that interface: its groups are the endpoint's.
  const holder = topology.networkInterfaces.find((n) => n.vpcId === match.vpcId && (ip.value.family === 'ipv4' ? n.privateIpAddresses : n.ipv6Addresses).some((a) => sameAddress(a, range.cidr)));
  const endpoint: ResolvedEndpoint = {
    input,
    kind: 'ip',
    vpcId: match.vpcId,
    subnetIds: match.subnetId ? [match.subnetId] : [],
    cidrs: [range.cidr],
    ...(holder ? { securityGroupIds: holder.securityGroupIds } : {}),
  };
  if (!match.subnetId) {
    return fail(
      `${ip.value.text} is in ${labelVpc(index, match.vpcId)} (${match.block}) but in none of its subnets, so nothing can have that address.`,
      'Check the address against the subnets of the VPC.',
      [match.vpcId],
    );
  }
  return resolved(
    endpoint,
    [range],
    role,
    [match.subnetId, match.vpcId],
    `${cap(role)} ${ip.value.text} is in subnet ${match.subnetId} (${match.subnetCidr}) of ${labelVpc(index, match.vpcId)}` +
      (holder ? `, on ${labelOf(holder)} with groups ${holder.securityGroupIds.join(', ') || 'none'}` : '') +
      (alsoIn.length > 0 ? ` (also in overlapping ${alsoIn.join(', ')}, which the other endpoint is not peered with).` : '.'),
  );
}

/** An instance or interface as people name it: `name (id)` or the id. */
function labelOf(x: { readonly id: string; readonly name?: string }): string {
  return x.name ? `${x.name} (${x.id})` : x.id;
}

/** True when `address` (as AWS writes it) is the one address of `cidr` (`10.0.1.5/32`, `2600::5/128`). */
function sameAddress(address: string, cidr: Cidr): boolean {
  const parsed = parseIpAddress(address);
  return parsed.ok && addressToRange(parsed.value).cidr === cidr;
}

/**
 * An instance (by its primary interface when the snapshot holds it) or a network interface: its
 * subnet, its own addresses in `family`, and its own security groups.
 */
function resolveHost(topology: Topology, index: TopologyIndex, input: string, text: string, role: 'source' | 'destination', family: IpFamily): Resolution {
  const fail = (message: string, fix: string, resourceIds: readonly string[] = []): Resolution => ({
    ok: false,
    check: { kind: role, status: 'fail', resourceIds, message, fix, blockedBy: { kind: 'endpoint', role, input: text } },
  });
  const isInstance = text.startsWith('i-');
  const instance = isInstance ? topology.instances.find((i) => i.id === text) : undefined;
  const eni = isInstance
    ? instance && topology.networkInterfaces.find((n) => n.id === instance.networkInterfaceIds[0])
    : topology.networkInterfaces.find((n) => n.id === text);
  if (isInstance ? !instance : !eni) {
    return fail(`The ${role} ${isInstance ? 'instance' : 'network interface'} ${text} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.', [text]);
  }
  const subnetId: SubnetId = eni?.subnetId ?? instance!.subnetId;
  const vpcId: VpcId = eni?.vpcId ?? instance!.vpcId;
  const addresses = eni ? (family === 'ipv4' ? eni.privateIpAddresses : eni.ipv6Addresses) : family === 'ipv4' && instance!.privateIpAddress ? [instance!.privateIpAddress] : [];
  const ranges = addresses.flatMap((a) => {
    const parsed = parseIpAddress(a);
    return parsed.ok ? [addressToRange(parsed.value)] : [];
  });
  const what = instance ? `instance ${labelOf(instance)}` : `network interface ${labelOf(eni!)}`;
  if (ranges.length === 0) {
    return fail(`${cap(what)} has no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address in the snapshot.`, `Check the other address family${family === 'ipv6' ? ', or assign it an IPv6 address' : ''}.`, [text]);
  }
  const securityGroupIds = eni?.securityGroupIds ?? instance!.securityGroupIds;
  const endpoint: ResolvedEndpoint = { input, kind: instance ? 'instance' : 'interface', vpcId, subnetIds: [subnetId], cidrs: ranges.map((r) => r.cidr), securityGroupIds };
  const subnet = index.subnetById.get(subnetId);
  return resolved(endpoint, ranges, role, [text, ...(instance && eni ? [eni.id] : []), subnetId, vpcId], `${cap(role)} is ${what}${instance && eni ? ` through its primary interface ${eni.id}` : ''} at ${addresses.join(', ')} in subnet ${subnet?.name ? `${subnet.name} (${subnetId})` : subnetId} of ${labelVpc(index, vpcId)}, with groups ${securityGroupIds.join(', ') || 'none'}.`);
}

/** A resolved endpoint and its passing check. */
function resolved(endpoint: ResolvedEndpoint, ranges: readonly CidrRange[], role: 'source' | 'destination', resourceIds: readonly string[], message: string): Resolution {
  return { ok: true, endpoint, ranges, check: { kind: role, status: 'pass', resourceIds, message } };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
