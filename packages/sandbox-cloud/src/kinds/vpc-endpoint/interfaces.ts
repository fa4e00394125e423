/** The network interfaces an interface endpoint holds, one in each of its subnets: made with the
 * endpoint (and by ModifyVpcEndpoint's AddSubnetIds), gone with it (and by RemoveSubnetIds), with
 * the endpoint's security groups and an address of the subnet. AWS makes and manages them: they are
 * `vpc_endpoint` interfaces, requester-managed, described "VPC Endpoint Interface vpce-…", and the
 * caller can neither delete nor detach them. While one is in a subnet or uses a group, that subnet
 * and that group cannot be deleted (the interface kind's own holds). */
import type { World } from '../../state/world';
import { VPC_ENDPOINT_REQUESTER } from '../network-interface/records';
import { planAddresses, removeInterface, storeInterface, type InterfaceOwner, type PlannedAddresses } from '../network-interface/store';
import type { SubnetRec } from '../subnet/records';
import type { VpcEndpointRec } from './records';

/** The description AWS gives an endpoint's interfaces. */
export function endpointInterfaceDescription(endpointId: string): string {
  return `VPC Endpoint Interface ${endpointId}`;
}

/** The addresses of new interfaces in `subnets`, one each, checked but not taken: a full subnet
 * refuses the call before anything changes. */
export function planEndpointInterfaces(world: World, subnets: readonly SubnetRec[]): PlannedAddresses[] {
  const taken = new Set<string>();
  return subnets.map((s) => planAddresses(world, s, {}, 'interface', taken));
}

/** Stores the endpoint's interface in `subnet` with planned addresses (under `id` when the
 * endpoint names one already) and returns its id. */
export function addEndpointInterface(owner: InterfaceOwner, e: VpcEndpointRec, subnet: SubnetRec, addresses: PlannedAddresses, id?: string): string {
  const n = storeInterface(owner, subnet, addresses, {
    description: endpointInterfaceDescription(e.id),
    interfaceType: 'vpc_endpoint',
    groupIds: e.groupIds,
    tags: {},
    ...(id ? { id } : {}),
    managed: { requesterId: VPC_ENDPOINT_REQUESTER, resourceId: e.id },
  });
  return n.id;
}

/** Removes one of an endpoint's interfaces (if it is there). */
export function removeEndpointInterface(world: World, id: string): void {
  const r = world.byId.get(id);
  if (r?.kind === 'networkInterface') removeInterface(world, r.rec);
}

/** Gives the endpoint's interfaces its security groups. */
export function syncEndpointInterfaceGroups(world: World, e: VpcEndpointRec): void {
  for (const i of e.interfaces) {
    const r = world.byId.get(i.id);
    if (r?.kind === 'networkInterface') r.rec.groupIds = [...e.groupIds];
  }
}

/**
 * Makes the interfaces an older state file's endpoints name but the file does not hold (written
 * before endpoints' interfaces were records of their own): each under the id the endpoint gives
 * it, with the lowest free address of its subnet. An interface whose subnet is gone is dropped
 * from the endpoint. Runs once every list of the file is back.
 */
export function fillInEndpointInterfaces(world: World): void {
  for (const cell of world.cells()) {
    for (const e of cell.table('vpcEndpoint').values()) {
      e.interfaces = e.interfaces.filter((i) => {
        if (world.byId.get(i.id)?.kind === 'networkInterface') return true;
        const s = world.byId.get(i.subnetId);
        if (s?.kind !== 'subnet') return false;
        const [addresses] = planEndpointInterfaces(world, [s.rec]);
        addEndpointInterface({ world, accountId: e.ownerId, region: e.region }, e, s.rec, addresses as PlannedAddresses, i.id);
        return true;
      });
      e.subnetIds = e.subnetIds.filter((id) => e.type !== 'Interface' || e.interfaces.some((i) => i.subnetId === id));
    }
  }
}
