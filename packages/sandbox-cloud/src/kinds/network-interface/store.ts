/** What other kinds ask of network interfaces: the caller's interface by id, the addresses of a
 * subnet (which are free, which to take next), a new interface stored and an interface removed,
 * and the groups an interface may have.
 *
 * "Subnet CIDR blocks" (Amazon VPC user guide): AWS reserves the first four addresses and the last
 * address of every subnet block, IPv4 and IPv6. A new interface takes the addresses it is given,
 * or the lowest free ones; the subnet's `AvailableIpAddressCount` counts the IPv4 ones.
 */
import { cidrContains, formatAddress, lastAddress, parseCidr, type Cidr } from '../../cidr';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { TagMap } from '../../state/records';
import type { World } from '../../state/world';
import { requireGroup } from '../security-group/store';
import type { SubnetRec } from '../subnet/records';
import { NETWORK_INTERFACE_IDS, SERVICE_ATTACHMENT_OWNER, serviceAttachmentId, type ManagedBy, type NetworkInterfaceRec, type PrivateAddressRec } from './records';

/** The caller's interface `id`, or AWS's error. */
export function requireNetworkInterface(ctx: CallContext, id: string | undefined, param = 'NetworkInterfaceId'): NetworkInterfaceRec {
  if (!id) throw missingParameter(param);
  assertWellFormedId(NETWORK_INTERFACE_IDS, id);
  const n = ctx.cell.table('networkInterface').get(id);
  if (!n) throw notFound(NETWORK_INTERFACE_IDS, id);
  return n;
}

// ---- addresses in use, per subnet ----------------------------------------------------------

/** The addresses (IPv4 and IPv6, canonical text) a subnet's interfaces hold, and per family the
 * lowest address that may be free (every one below it in the first block is held), so that
 * taking the next free address does not scan the held ones again. */
interface SubnetAddresses {
  readonly used: Set<string>;
  readonly lowestFree: Map<4 | 6, bigint>;
}

/** Subnet id → its addresses, per world; built from the interfaces on first use and kept up to
 * date by `storeInterface` and `removeInterface`, through which every interface comes and goes. */
const inUse = new WeakMap<World, Map<string, SubnetAddresses>>();

function addressesOf(n: NetworkInterfaceRec): string[] {
  return [...n.privateIpAddresses.map((a) => a.address), ...n.ipv6Addresses];
}

function subnetAddresses(world: World, subnetId: string): SubnetAddresses {
  let index = inUse.get(world);
  if (!index) {
    index = new Map();
    inUse.set(world, index);
    for (const cell of world.cells()) {
      for (const n of cell.table('networkInterface').values()) {
        let entry = index.get(n.subnetId);
        if (!entry) index.set(n.subnetId, (entry = { used: new Set(), lowestFree: new Map() }));
        for (const a of addressesOf(n)) entry.used.add(a);
      }
    }
  }
  let entry = index.get(subnetId);
  if (!entry) index.set(subnetId, (entry = { used: new Set(), lowestFree: new Map() }));
  return entry;
}

/** True when an interface of the subnet holds `address` (canonical text). */
export function addressHeld(world: World, subnetId: string, address: string): boolean {
  return subnetAddresses(world, subnetId).used.has(address);
}

/** How the answers word an address problem: CreateNetworkInterface's words, or RunInstances',
 * which name the address. */
export type AddressWording = 'interface' | 'instance';

function blocksOf(subnet: SubnetRec, family: 4 | 6): Cidr[] {
  const texts = family === 4 ? (subnet.cidrBlock ? [subnet.cidrBlock] : []) : subnet.ipv6Assocs.map((a) => a.ipv6CidrBlock);
  return texts.map((t) => parseCidr(t) as Cidr);
}

/** The canonical text of an address the caller named for the subnet, after AWS's checks: an
 * address of the family, inside one of the subnet's blocks, not one of the five AWS reserves, and
 * free (neither held by an interface nor `taken` earlier in the same request). */
function checkAddress(world: World, subnet: SubnetRec, text: string, family: 4 | 6, wording: AddressWording, taken: ReadonlySet<string>): string {
  const c = parseCidr(`${text}/${family === 4 ? 32 : 128}`);
  if (!c || c.family !== family) throw new AwsError('InvalidParameterValue', `invalid value for parameter address: ${text}`);
  const address = formatAddress(family, c.network);
  const block = blocksOf(subnet, family).find((b) => cidrContains(b, c));
  if (!block) {
    throw new AwsError('InvalidParameterValue', wording === 'instance' ? `Address ${text} does not fall within the subnet's address range` : "Address does not fall within the subnet's address range");
  }
  if (c.network < block.network + 4n || c.network === lastAddress(block)) {
    throw new AwsError('InvalidParameterValue', "Address is in subnet's reserved address range");
  }
  if (subnetAddresses(world, subnet.id).used.has(address) || taken.has(address)) {
    throw new AwsError('InvalidIPAddress.InUse', wording === 'instance' ? `Address ${text} is in use.` : 'The specified address is already in use.');
  }
  return address;
}

/** The lowest free address of the subnet's first block of the family, or the AWS error of a full
 * subnet: CreateNetworkInterface's, or RunInstances' (which names the subnet). */
function nextFree(world: World, subnet: SubnetRec, family: 4 | 6, wording: AddressWording, taken: ReadonlySet<string>): string {
  const { used, lowestFree } = subnetAddresses(world, subnet.id);
  const block = blocksOf(subnet, family)[0];
  if (block) {
    const last = lastAddress(block);
    let n = lowestFree.get(family) ?? block.network + 4n;
    // Held addresses stay held until an interface goes (which lowers the mark again).
    for (; n < last && used.has(formatAddress(family, n)); n++);
    lowestFree.set(family, n);
    for (; n < last; n++) {
      const text = formatAddress(family, n);
      if (!used.has(text) && !taken.has(text)) return text;
    }
  }
  if (wording === 'instance') {
    throw new AwsError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
  }
  throw new AwsError('InvalidParameterValue', `There aren't sufficient free Ipv${family} addresses or prefixes`);
}

/** The addresses a new interface asks for (each part optional). */
export interface AddressRequest {
  /** The primary private IPv4 address. */
  readonly privateIpAddress?: string;
  /** Secondary private IPv4 addresses (and the primary, when `privateIpAddress` is not given). */
  readonly privateIpAddresses?: readonly { readonly address: string; readonly primary: boolean }[];
  readonly secondaryCount?: number;
  readonly ipv6Addresses?: readonly string[];
  readonly ipv6Count?: number;
}

/** The addresses of a new interface in the subnet, checked but not yet taken. */
export interface PlannedAddresses {
  readonly ipv4: PrivateAddressRec[];
  readonly ipv6: string[];
}

/**
 * Checks and picks a new interface's addresses: those asked for, then the lowest free ones (a
 * primary IPv4 address unless the subnet is IPv6-only, where it gets one IPv6 address instead).
 * `taken` holds what earlier interfaces of the same request picked; this one's picks are added.
 */
export function planAddresses(world: World, subnet: SubnetRec, req: AddressRequest, wording: AddressWording, taken: Set<string>): PlannedAddresses {
  const listed = req.privateIpAddresses ?? [];
  const listedPrimaries = listed.filter((a) => a.primary);
  if (listedPrimaries.length > 1 || (req.privateIpAddress !== undefined && listedPrimaries.some((a) => a.address !== req.privateIpAddress))) {
    throw new AwsError('InvalidParameterValue', 'Only one primary private IP address may be given; give it once, as PrivateIpAddress or as the Primary entry of PrivateIpAddresses.');
  }
  if (req.secondaryCount !== undefined && listed.some((a) => !a.primary)) {
    throw new AwsError('InvalidParameterCombination', 'Give secondary private IP addresses either listed (PrivateIpAddresses) or counted (SecondaryPrivateIpAddressCount), not both.');
  }
  if (req.secondaryCount !== undefined && req.secondaryCount < 1) {
    throw new AwsError('InvalidParameterValue', `Value (${req.secondaryCount}) for parameter secondaryPrivateIpAddressCount is invalid. Value must be a positive number.`);
  }
  if (req.ipv6Addresses?.length && req.ipv6Count !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'IPv6 addresses and IPv6 address count may not be specified on the same request');
  }
  const ipv6Only = !subnet.cidrBlock;
  const wantsIpv4 = req.privateIpAddress !== undefined || listed.length > 0 || req.secondaryCount !== undefined;
  if (ipv6Only && wantsIpv4) {
    throw new AwsError('InvalidParameterValue', `Subnet ${subnet.id} is IPv6-only: its interfaces have no private IPv4 addresses.`);
  }
  const wantsIpv6 = Boolean(req.ipv6Addresses?.length) || (req.ipv6Count ?? 0) > 0;
  if (wantsIpv6 && subnet.ipv6Assocs.length === 0) {
    throw new AwsError('InvalidParameterValue', `Subnet ${subnet.id} has no IPv6 CIDR block, so IPv6 addresses cannot be assigned in it.`);
  }

  const ipv4: PrivateAddressRec[] = [];
  const ipv6: string[] = [];
  const takeIpv4 = (address: string, primary: boolean): void => {
    taken.add(address);
    ipv4.push({ address, primary });
  };
  const takeIpv6 = (address: string): void => {
    taken.add(address);
    ipv6.push(address);
  };
  if (!ipv6Only) {
    const primaryText = req.privateIpAddress ?? listedPrimaries[0]?.address;
    takeIpv4(primaryText !== undefined ? checkAddress(world, subnet, primaryText, 4, wording, taken) : nextFree(world, subnet, 4, wording, taken), true);
    for (const a of listed) if (!a.primary) takeIpv4(checkAddress(world, subnet, a.address, 4, wording, taken), false);
    for (let i = 0; i < (req.secondaryCount ?? 0); i++) takeIpv4(nextFree(world, subnet, 4, wording, taken), false);
  }
  for (const a of req.ipv6Addresses ?? []) takeIpv6(checkAddress(world, subnet, a, 6, wording, taken));
  const ipv6Count = req.ipv6Count ?? (ipv6Only && !req.ipv6Addresses?.length ? 1 : 0);
  for (let i = 0; i < ipv6Count; i++) takeIpv6(nextFree(world, subnet, 6, wording, taken));
  return { ipv4, ipv6 };
}

/** What a new interface is besides its addresses. */
export interface InterfaceFields {
  readonly description: string;
  readonly interfaceType: string;
  readonly groupIds: readonly string[];
  readonly tags: TagMap;
  /** Its id when it has one already (an interface a resource of an older state file names). */
  readonly id?: string;
  /** Set for an interface an AWS service makes and holds for one of the caller's resources. */
  readonly managed?: ManagedBy;
}

/** Whose a new interface is: an account and region of a world (a call's context will do). */
export type InterfaceOwner = Pick<CallContext, 'world' | 'accountId' | 'region'>;

/** Stores a new interface with planned addresses (checks are the caller's job) and takes them. A
 * managed interface is attached to its service at once (`ela-attach-…`, device index 1, as AWS
 * shows an endpoint's interfaces). */
export function storeInterface(ctx: InterfaceOwner, subnet: SubnetRec, addresses: PlannedAddresses, fields: InterfaceFields): NetworkInterfaceRec {
  const id = fields.id ?? ctx.world.newId('eni');
  const n: NetworkInterfaceRec = {
    id,
    ownerId: ctx.accountId,
    region: ctx.region,
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    description: fields.description,
    interfaceType: fields.interfaceType,
    privateIpAddresses: addresses.ipv4,
    ipv6Addresses: addresses.ipv6,
    groupIds: [...fields.groupIds],
    sourceDestCheck: true,
    ...(fields.managed
      ? {
          managed: { ...fields.managed },
          attachment: {
            attachmentId: serviceAttachmentId(id),
            instanceOwnerId: SERVICE_ATTACHMENT_OWNER,
            deviceIndex: 1,
            deleteOnTermination: false,
            attachTime: ctx.world.now(),
          },
        }
      : {}),
    tags: fields.tags,
  };
  ctx.world.put('networkInterface', n);
  const { used } = subnetAddresses(ctx.world, subnet.id);
  for (const a of addressesOf(n)) used.add(a);
  subnet.ipv4AddressesInUse = (subnet.ipv4AddressesInUse ?? 0) + n.privateIpAddresses.length;
  return n;
}

/** Attaches `n` to the instance at `deviceIndex` (checks are the caller's job). */
export function attachInterface(ctx: CallContext, n: NetworkInterfaceRec, instanceId: string, deviceIndex: number, deleteOnTermination: boolean): string {
  const attachmentId = ctx.world.newId('eni-attach');
  n.attachment = { attachmentId, instanceId, instanceOwnerId: ctx.accountId, deviceIndex, deleteOnTermination, attachTime: ctx.world.now() };
  return attachmentId;
}

/** Removes an interface and frees its addresses. */
export function removeInterface(world: World, n: NetworkInterfaceRec): void {
  const { used, lowestFree } = subnetAddresses(world, n.subnetId);
  for (const a of addressesOf(n)) used.delete(a);
  for (const [text, family] of [...n.privateIpAddresses.map((a) => [a.address, 4] as const), ...n.ipv6Addresses.map((a) => [a, 6] as const)]) {
    const at = parseCidr(`${text}/${family === 4 ? 32 : 128}`) as Cidr;
    const mark = lowestFree.get(family);
    if (mark !== undefined && at.network < mark) lowestFree.set(family, at.network);
  }
  const s = world.byId.get(n.subnetId);
  if (s?.kind === 'subnet') s.rec.ipv4AddressesInUse = Math.max(0, (s.rec.ipv4AddressesInUse ?? 0) - n.privateIpAddresses.length);
  world.remove(n.id);
}

/** The groups an interface in `subnet` gets: the ones named (each the caller's, in the subnet's
 * VPC), or the VPC's `default` group when none is named. */
export function interfaceGroups(ctx: CallContext, subnet: SubnetRec, ids: readonly string[] | undefined): string[] {
  if (!ids || ids.length === 0) {
    const def = [...ctx.cell.table('securityGroup').values()].find((g) => g.vpcId === subnet.vpcId && g.name === 'default');
    return def ? [def.id] : [];
  }
  const out: string[] = [];
  for (const id of ids) {
    const g = requireGroup(ctx, id);
    if (g.vpcId !== subnet.vpcId) throw new AwsError('InvalidParameter', `Security group ${g.id} and subnet ${subnet.id} belong to different networks.`);
    if (!out.includes(g.id)) out.push(g.id);
  }
  return out;
}
