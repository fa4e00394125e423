/** The kinds' registry: each kind is told apart by its id prefix, tag resource type and state key. */
import { describe, expect, it } from 'vitest';

import { DELETE_HOOKS, KIND_LIST, KINDS, SECURITY_GROUP_DELETE_HOOKS, SUBNET_DELETE_HOOKS, VPC_DELETE_HOOKS } from '../../src/kinds';

describe('the kinds registry', () => {
  it('gives each kind its own id prefix, tag resource type and state-file key', () => {
    const distinct = (values: readonly string[]): void => expect(new Set(values).size, values.join(', ')).toBe(values.length);
    distinct(KIND_LIST.map((k) => k.ids.prefix));
    distinct(KIND_LIST.map((k) => k.tagType));
    distinct(KIND_LIST.map((k) => k.state.key));
    // A prefix that starts with another (`tgw-attach-`, `tgw-`) goes on with a part that is not hex,
    // so no id of the shorter kind has the longer prefix, and the tag actions (taking the longest
    // prefix that fits) find one kind per id.
    for (const a of KIND_LIST) {
      for (const b of KIND_LIST) {
        if (a !== b && b.ids.prefix.startsWith(a.ids.prefix)) expect(b.ids.prefix.slice(a.ids.prefix.length), b.ids.prefix).toMatch(/^[a-z]*[g-z][a-z]*-$/);
      }
    }
  });

  it('lists the state-file keys in the order state files have always had them (new kinds come after)', () => {
    expect(KIND_LIST.slice(0, 5).map((k) => k.state.key)).toEqual(['vpcs', 'subnets', 'routeTables', 'securityGroups', 'peerings']);
  });

  it('collects DeleteVpc hooks from the kinds that hold on to a VPC, in registry order', () => {
    expect(VPC_DELETE_HOOKS).toEqual(KIND_LIST.flatMap((k) => (k.onVpcDelete ? [k.onVpcDelete] : [])));
    const holders = [KINDS.subnet, KINDS.routeTable, KINDS.securityGroup, KINDS.peering, KINDS.networkAcl, KINDS.internetGateway, KINDS.egressOnlyInternetGateway, KINDS.vpnGateway];
    for (const k of holders) expect(VPC_DELETE_HOOKS).toContain(k.onVpcDelete);
  });

  it('collects DeleteSubnet and DeleteSecurityGroup hooks the same way, and every call carries all three lists (network interfaces hold subnets and groups)', () => {
    expect(SUBNET_DELETE_HOOKS).toEqual(KIND_LIST.flatMap((k) => (k.onSubnetDelete ? [k.onSubnetDelete] : [])));
    expect(SECURITY_GROUP_DELETE_HOOKS).toEqual(KIND_LIST.flatMap((k) => (k.onSecurityGroupDelete ? [k.onSecurityGroupDelete] : [])));
    expect(SUBNET_DELETE_HOOKS).toEqual([
      KINDS.networkAcl.onSubnetDelete,
      KINDS.natGateway.onSubnetDelete,
      KINDS.networkInterface.onSubnetDelete,
      KINDS.transitGatewayAttachment.onSubnetDelete,
    ]);
    expect(SECURITY_GROUP_DELETE_HOOKS).toContain(KINDS.networkInterface.onSecurityGroupDelete);
    expect(DELETE_HOOKS).toEqual({ onVpcDelete: VPC_DELETE_HOOKS, onSubnetDelete: SUBNET_DELETE_HOOKS, onSecurityGroupDelete: SECURITY_GROUP_DELETE_HOOKS });
  });
});
