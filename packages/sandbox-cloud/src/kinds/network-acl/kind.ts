/** The network ACL kind: ids `acl-`, a table per cell, its actions (entries and associations
 * included), and its part in the deletion of a VPC and of a subnet. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  createNetworkAcl,
  createNetworkAclEntry,
  deleteNetworkAcl,
  deleteNetworkAclEntry,
  describeNetworkAcls,
  networkAclsOnSubnetDelete,
  networkAclsOnVpcDelete,
  replaceNetworkAclAssociation,
  replaceNetworkAclEntry,
} from './actions';
import { NETWORK_ACL_IDS } from './records';
import { giveMissingNetworkAcls } from './store';

export const NETWORK_ACL_KIND = {
  ids: NETWORK_ACL_IDS,
  tagType: 'network-acl',
  actions: {
    CreateNetworkAcl: write(createNetworkAcl),
    DeleteNetworkAcl: write(deleteNetworkAcl),
    DescribeNetworkAcls: read(describeNetworkAcls),
    CreateNetworkAclEntry: write(createNetworkAclEntry),
    ReplaceNetworkAclEntry: write(replaceNetworkAclEntry),
    DeleteNetworkAclEntry: write(deleteNetworkAclEntry),
    ReplaceNetworkAclAssociation: write(replaceNetworkAclAssociation),
  },
  onVpcDelete: networkAclsOnVpcDelete,
  onSubnetDelete: networkAclsOnSubnetDelete,
  ...cellTable('networkAcl', 'networkAcls', { addedLater: true, fillIn: giveMissingNetworkAcls }),
} satisfies KindDef<'networkAcl'>;
