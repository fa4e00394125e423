/** The network interface a NAT gateway holds in its subnet, at its private address: a
 * `nat_gateway` interface, requester-managed, described "Interface for NAT Gateway nat-…", made with
 * the gateway and removed when it is deleted. A gateway that is to fail gets none (AWS removes a
 * failed gateway's interface; the sandbox never shows it). */
import type { World } from '../../state/world';
import { addressHeld, removeInterface, storeInterface, type InterfaceOwner } from '../network-interface/store';
import type { SubnetRec } from '../subnet/records';
import type { NatGatewayRec } from './records';

/** The description AWS gives a NAT gateway's interface. */
export function natInterfaceDescription(natGatewayId: string): string {
  return `Interface for NAT Gateway ${natGatewayId}`;
}

/** Stores the gateway's interface under the id its address names (the address is checked free). */
export function addNatInterface(owner: InterfaceOwner, g: NatGatewayRec, subnet: SubnetRec): void {
  const [a] = g.addresses;
  if (!a) return;
  storeInterface(
    owner,
    subnet,
    { ipv4: [{ address: a.privateIp, primary: true }], ipv6: [] },
    { description: natInterfaceDescription(g.id), interfaceType: 'nat_gateway', groupIds: [], tags: {}, id: a.networkInterfaceId, managed: { resourceId: g.id } },
  );
}

/** Removes the gateway's interface (if it is there). */
export function removeNatInterface(world: World, g: NatGatewayRec): void {
  for (const a of g.addresses) {
    const r = world.byId.get(a.networkInterfaceId);
    if (r?.kind === 'networkInterface') removeInterface(world, r.rec);
  }
}

/** Makes the interfaces of an older state file's live NAT gateways (written before they were
 * records), where the subnet is there and the address free. */
export function fillInNatInterfaces(world: World): void {
  for (const cell of world.cells()) {
    for (const g of cell.table('natGateway').values()) {
      const [a] = g.addresses;
      if (!a || g.deletedAt !== undefined || g.failure || world.byId.has(a.networkInterfaceId)) continue;
      const s = world.byId.get(g.subnetId);
      if (s?.kind !== 'subnet' || addressHeld(world, s.rec.id, a.privateIp)) continue;
      addNatInterface({ world, accountId: g.ownerId, region: g.region }, g, s.rec);
    }
  }
}
