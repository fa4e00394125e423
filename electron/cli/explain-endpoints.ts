/** `explain`'s FROM and TO, checked against the snapshot before anything is explained.
 *
 * An endpoint that names nothing (an unknown id, a name no VPC or subnet has, an address no
 * scanned VPC holds) or is no address at all (`10.0.0.300`) is bad input, exit 2: "not
 * reachable" (exit 1) is kept for endpoints that exist and cannot talk. A `Name` tag is accepted
 * too, and replaced by the id it names when exactly one VPC or subnet has it.
 */
import { findVpcsByAddress } from '../../shared/cidr/find-vpcs-by-ip';
import { parseIpAddress } from '../../shared/cidr/parse-cidr';
import type { Topology } from '../../shared/model/topology';
import { plural } from './format-table';
import { CliInputError, shown } from './input-error';

/** An endpoint ready for `explainReachability`: the id or address to pass, and how to print it. */
export interface ExplainEndpoint {
  /** A VPC id, subnet id or IP address. */
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
  if (text === '') throw new CliInputError(`${role} is empty: give a VPC id, a subnet id, a name or an IP address.`);
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
  if (LOOKS_LIKE_ADDRESS.test(text)) {
    const ip = parseIpAddress(text);
    if (!ip.ok) throw new CliInputError(`${role} ${given} is not a valid IP address: ${shown(ip.error.message, 200).replace(/^"[^"]*" is not a valid IP address: /, '')}`, ip.error.fix);
    if (findVpcsByAddress(topology, ip.value).length === 0) {
      throw new CliInputError(`${role} ${given} is in no VPC of the snapshot.`, 'Check the address, or scan the account and region of the VPC that holds it.');
    }
    return { value: text, label: text };
  }
  const named = (exact: boolean) => {
    const same = (name: string | undefined) => name !== undefined && (exact ? name === text : name.toLowerCase() === text.toLowerCase());
    return [...topology.vpcs.filter((v) => same(v.name)).map((v) => v.id), ...topology.subnets.filter((s) => same(s.name)).map((s) => s.id)];
  };
  const matches = named(true).length > 0 ? named(true) : named(false);
  if (matches.length === 1) return { value: matches[0]!, label: `${text} (${matches[0]})` };
  if (matches.length > 1) {
    throw new CliInputError(`${role} "${given}" names ${matches.length} VPCs or subnets (${sample(matches)}).`, 'Give the id of the one you mean instead.');
  }
  throw new CliInputError(
    `${role} "${given}" is not a VPC id, a subnet id, an IP address, or the name of a VPC or subnet in the snapshot.`,
    'Give vpc-…, subnet-…, an address such as 10.0.1.5, or a Name tag from the snapshot.',
  );
}
