/** `explain`'s FROM and TO, checked against the snapshot before anything is explained.
 *
 * An endpoint that names nothing (an unknown id, a name no VPC or subnet has, an address no
 * scanned VPC holds) or is no address at all (`10.0.0.300`) is bad input, exit 2: "not
 * reachable" (exit 1) is kept for endpoints that exist and cannot talk. A name is accepted too,
 * found as the app's search finds VPCs: ignoring case, and as part of a VPC's name (see
 * `resolveName`); a name that fits several is bad input listing them.
 */
import { findVpcsByAddress } from '../../shared/cidr/find-vpcs-by-ip';
import { parseIpAddress } from '../../shared/cidr/parse-cidr';
import type { Topology } from '../../shared/model/topology';
import { accountLabel, vpcCidrs } from '../../shared/export/labels';
import { plural } from './format-table';
import { CliInputError, shown } from './input-error';
import { didYouMean } from './nearest-names';

/** An endpoint ready for `explainReachability`: the id or address to pass, and how to print it. */
export interface ExplainEndpoint {
  /** A VPC, subnet, instance or network interface id, or an IP address. */
  readonly value: string;
  /** What the user wrote, with the id it stands for when it was a name. */
  readonly label: string;
}

/** Text that reads as an attempt at an IP address (digits and dots, or IPv6 hex and colons, or a CIDR). */
const LOOKS_LIKE_ADDRESS = /^(?:[\d.]+|[\da-f:.]*:[\da-f:.]*)(?:\/\d*)?$/i;

function sample(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')}, …`;
}

/** Check one endpoint (`role` is FROM or TO); throws `CliInputError` when it names nothing in `topology`. */
export function resolveExplainEndpoint(topology: Topology, input: string, role: 'FROM' | 'TO'): ExplainEndpoint {
  const text = input.trim();
  const given = shown(text);
  if (text === '') throw new CliInputError(`${role} is empty: give a VPC, subnet, instance or interface id, a name or an IP address.`);
  if (text.startsWith('vpc-')) {
    if (topology.vpcs.some((v) => v.id === text)) return { value: text, label: text };
    throw new CliInputError(
      `${role} ${given} is not a VPC in the snapshot.`,
      `Check the id (the snapshot has ${plural(topology.vpcs.length, 'VPC')}: ${sample(topology.vpcs.map((v) => v.id))}), or scan the account and region that own it.`,
    );
  }
  if (text.startsWith('subnet-')) {
    if (topology.subnets.some((s) => s.id === text)) return { value: text, label: text };
    throw new CliInputError(
      `${role} ${given} is not a subnet in the snapshot.`,
      `Check the id (the snapshot has ${plural(topology.subnets.length, 'subnet')}: ${sample(topology.subnets.map((s) => s.id))}), or scan the account and region that own it.`,
    );
  }
  if (text.startsWith('i-') || text.startsWith('eni-')) {
    const [what, ids] = text.startsWith('i-') ? (['instance', topology.instances.map((i) => i.id)] as const) : (['network interface', topology.networkInterfaces.map((n) => n.id)] as const);
    if (ids.includes(text as never)) return { value: text, label: text };
    throw new CliInputError(
      `${role} ${given} is not ${what === 'instance' ? 'an instance' : 'a network interface'} in the snapshot.`,
      `Check the id (the snapshot has ${plural(ids.length, what)}${ids.length > 0 ? `: ${sample(ids)}` : ''}), or scan the account and region that own it.`,
    );
  }
  if (LOOKS_LIKE_ADDRESS.test(text)) {
    const ip = parseIpAddress(text);
    if (!ip.ok) throw new CliInputError(`${role} ${given} is not a valid IP address: ${shown(ip.error.message, 200).replace(/^"[^"]*" is not a valid IP address: /, '')}`, ip.error.fix);
    if (findVpcsByAddress(topology, ip.value).length === 0) {
      throw new CliInputError(`${role} ${given} is in no VPC of the snapshot.`, 'Check the address, or scan the account and region of the VPC that holds it.');
    }
    return { value: text, label: text };
  }
  return resolveName(topology, text, role);
}

/** A VPC or subnet a name may stand for. */
interface Named {
  readonly id: string;
  readonly name: string;
  /** Where it is, for a list of candidates. */
  readonly where: string;
}

/** The most candidates an ambiguous name lists. */
const CANDIDATES_SHOWN = 8;

function namedOf(topology: Topology): { vpcs: Named[]; subnets: Named[] } {
  const accounts = new Map(topology.accounts.map((a) => [a.id, a]));
  const vpcs = topology.vpcs.flatMap((v) => {
    if (v.name === undefined || v.name.trim() === '') return [];
    const cidrs = vpcCidrs(v);
    return [{ id: v.id, name: v.name, where: `VPC, account ${accountLabel(accounts.get(v.accountId), v.accountId)}, ${v.region}${cidrs.length ? `, ${cidrs.join(' ')}` : ''}` }];
  });
  const subnets = topology.subnets.flatMap((s) =>
    s.name === undefined || s.name.trim() === '' ? [] : [{ id: s.id, name: s.name, where: `subnet of ${s.vpcId}, ${s.availabilityZone}, ${s.cidr}` }],
  );
  return { vpcs, subnets };
}

/**
 * The VPC or subnet `text` names, tried in turn until one step finds something: the exact Name
 * tag of a VPC or subnet, the same ignoring case, then (as the app's search) part of a VPC's name
 * ignoring case. One match is the endpoint; several are bad input that lists them.
 */
function resolveName(topology: Topology, text: string, role: 'FROM' | 'TO'): ExplainEndpoint {
  const { vpcs, subnets } = namedOf(topology);
  const lower = text.toLowerCase();
  const steps: readonly (() => Named[])[] = [
    () => [...vpcs, ...subnets].filter((n) => n.name === text),
    () => [...vpcs, ...subnets].filter((n) => n.name.toLowerCase() === lower),
    () => vpcs.filter((n) => n.name.toLowerCase().includes(lower)),
  ];
  for (const step of steps) {
    const found = step().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    if (found.length === 1) return { value: found[0]!.id, label: `${found[0]!.name} (${found[0]!.id})` };
    if (found.length > 1) {
      const width = Math.max(...found.map((n) => n.name.length));
      const lines = found.slice(0, CANDIDATES_SHOWN).map((n) => `    ${n.name.padEnd(width)}  ${n.id}  ${n.where}`);
      if (found.length > CANDIDATES_SHOWN) lines.push(`    … and ${found.length - CANDIDATES_SHOWN} more`);
      const kinds = found.every((n) => n.id.startsWith('vpc-')) ? 'VPCs' : 'VPCs and subnets';
      throw new CliInputError(`${role} "${shown(text)}" matches ${found.length} ${kinds}:\n${lines.join('\n')}`, 'Give the full name or the id of the one you mean.');
    }
  }
  const hint = didYouMean(text, [...new Set([...vpcs, ...subnets].map((n) => n.name))]);
  throw new CliInputError(
    `${role} "${shown(text)}" is not a VPC id, a subnet id, an IP address, or the name of a VPC or subnet in the snapshot${hint || '.'}`,
    'Give vpc-…, subnet-…, an address such as 10.0.1.5, or a Name tag from the snapshot.',
  );
}
