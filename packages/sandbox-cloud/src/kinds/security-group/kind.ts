/** The security group kind: ids `sg-`, a table per cell, its actions (rules included), and its
 * part in a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { createSecurityGroup, deleteSecurityGroup, describeSecurityGroups, securityGroupsOnVpcDelete } from './actions';
import { SECURITY_GROUP_IDS } from './records';
import {
  authorizeSecurityGroupEgress,
  authorizeSecurityGroupIngress,
  revokeSecurityGroupEgress,
  revokeSecurityGroupIngress,
} from './rules';

export const SECURITY_GROUP_KIND = {
  ids: SECURITY_GROUP_IDS,
  tagType: 'security-group',
  actions: {
    CreateSecurityGroup: write(createSecurityGroup),
    DeleteSecurityGroup: write(deleteSecurityGroup),
    DescribeSecurityGroups: read(describeSecurityGroups),
    AuthorizeSecurityGroupIngress: write(authorizeSecurityGroupIngress),
    AuthorizeSecurityGroupEgress: write(authorizeSecurityGroupEgress),
    RevokeSecurityGroupIngress: write(revokeSecurityGroupIngress),
    RevokeSecurityGroupEgress: write(revokeSecurityGroupEgress),
  },
  onVpcDelete: securityGroupsOnVpcDelete,
  ...cellTable('securityGroup', 'securityGroups'),
} satisfies KindDef<'securityGroup'>;
