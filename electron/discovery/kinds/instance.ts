/** Instances in discovery: DescribeInstances (reservations, each with its instances), every
 * instance but terminated ones, with its interfaces in device order. */
import { DescribeInstancesCommand, type Instance as AwsInstance } from '@aws-sdk/client-ec2';

import type { SecurityGroupId, SubnetId, VpcId } from '../../../shared/model/ids';
import type { Instance, InstanceId, NetworkInterfaceId } from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one instance; one outside a VPC (EC2-Classic, or terminated: it keeps no interfaces) is left out. */
export function toInstance(i: AwsInstance, seen: { accountId: string; region: string }): Instance | undefined {
  if (!i.InstanceId?.startsWith('i-') || !i.VpcId?.startsWith('vpc-') || !i.SubnetId?.startsWith('subnet-')) return undefined;
  const nics = [...(i.NetworkInterfaces ?? [])]
    .filter((n) => n.NetworkInterfaceId?.startsWith('eni-'))
    .sort((a, b) => (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0));
  return {
    id: i.InstanceId as InstanceId,
    vpcId: i.VpcId as VpcId,
    subnetId: i.SubnetId as SubnetId,
    accountId: seen.accountId,
    region: seen.region,
    ...nameOf(toTags(i.Tags)),
    state: i.State?.Name ?? 'running',
    networkInterfaceIds: nics.map((n) => n.NetworkInterfaceId as NetworkInterfaceId),
    ...(i.PrivateIpAddress ? { privateIpAddress: i.PrivateIpAddress } : {}),
    securityGroupIds: [...new Set((i.SecurityGroups ?? []).flatMap((g) => (g.GroupId?.startsWith('sg-') ? [g.GroupId as SecurityGroupId] : [])))].sort(),
  };
}

/** The instance kind of discovery (a terminated instance is not scanned in: it holds no address). */
export const INSTANCE_DISCOVERY = discoveryKind({
  actions: { DescribeInstances: 1000 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch(
      'DescribeInstances',
      (page, abortSignal) => ec2.send(new DescribeInstancesCommand(page), { abortSignal }),
      (o) => (o.Reservations ?? []).flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== 'terminated'),
    ),
  translate: (i: AwsInstance, seen) => toInstance(i, seen),
  merge: mergeRegional<Instance>,
  carry: carryRegional<Instance>,
});
