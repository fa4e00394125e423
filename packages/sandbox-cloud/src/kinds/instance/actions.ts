/** Instance actions: RunInstances, Terminate/Stop/StartInstances, DescribeInstances and
 * DescribeInstanceStatus: instances enough to own network interfaces.
 *
 * From the EC2 API reference of these actions and "Instance lifecycle" (EC2 user guide): a launch
 * makes MinCount to MaxCount instances in one reservation, each with a primary interface (device
 * index 0) in the subnet named (or the default VPC's default subnet) that goes with it on
 * termination; an instance is `pending` in RunInstances' answer and settles `running`;
 * termination answers `shutting-down` and settles `terminated`, shown for a while, then gone;
 * stop answers `stopping` and settles `stopped`, start answers `pending`. Any well-formed `ami-`
 * image id is taken.
 */
import type {
  DescribeInstancesRequest,
  DescribeInstancesResult,
  DescribeInstanceStatusRequest,
  DescribeInstanceStatusResult,
  InstanceStateChange,
  InstanceStatus,
  Reservation,
  RunInstancesRequest,
  StartInstancesRequest,
  StartInstancesResult,
  StopInstancesRequest,
  StopInstancesResult,
  TerminateInstancesRequest,
  TerminateInstancesResult,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidCombination, invalidValue, missingParameter } from '../../errors';
import { attachInterface, planAddresses, removeInterface, storeInterface, type PlannedAddresses } from '../network-interface/store';
import { INSTANCE_STATUS_FILTERS, instanceFilters } from './filters';
import { interfacePlans, launchTags, type InterfacePlan } from './launch';
import { IMAGE_IDS, INSTANCE_IDS, type InstanceRec, type InstanceStateName } from './records';
import { instanceState, interfacesOf, renderInstance } from './render';
import { instanceVisible, visibleInstances } from './store';

/** AWS's default instance type when RunInstances names none (EC2 API reference, RunInstances). */
const DEFAULT_INSTANCE_TYPE = 'm1.small';

function reservationOf(ctx: CallContext, instances: readonly InstanceRec[], shown?: InstanceStateName): Reservation {
  const first = instances[0] as InstanceRec;
  return {
    ReservationId: first.reservationId,
    OwnerId: first.ownerId,
    Groups: [],
    Instances: instances.map((i) => renderInstance(ctx.world, i, shown)),
  };
}

/** RunInstances. */
export function runInstances(ctx: CallContext, input: RunInstancesRequest): Reservation {
  if (input.LaunchTemplate) throw new AwsError('InvalidParameterValue', 'Launch templates are not modelled by the sandbox cloud; give ImageId and InstanceType.');
  if (!input.ImageId) throw missingParameter('ImageId');
  assertWellFormedId(IMAGE_IDS, input.ImageId);
  if (input.MinCount === undefined) throw missingParameter('MinCount');
  if (input.MaxCount === undefined) throw missingParameter('MaxCount');
  if (input.MinCount < 1) throw invalidValue('minCount', input.MinCount, 'Expecting at least 1.');
  if (input.MaxCount < input.MinCount) throw invalidValue('maxCount', input.MaxCount, `Expecting at least minCount (${input.MinCount}).`);
  if (input.ClientToken) {
    const earlier = byId(visibleInstances(ctx).filter((i) => i.clientToken === input.ClientToken));
    if (earlier.length > 0) return reservationOf(ctx, earlier);
  }
  const plans = interfacePlans(ctx, input, input.MaxCount);
  const primary = plans[0] as InterfacePlan;
  const zone = primary.kind === 'new' ? primary.subnet.availabilityZone : primary.nic.availabilityZone;
  const asked = input.Placement?.AvailabilityZone;
  if (asked !== undefined && asked !== zone) {
    const subnetId = primary.kind === 'new' ? primary.subnet.id : primary.nic.subnetId;
    throw invalidValue('availabilityZone', asked, `Subnet '${subnetId}' is in the availability zone ${zone}`);
  }
  const tags = launchTags(input.TagSpecifications);
  // Addresses for as many instances as fit, at least MinCount (InsufficientFreeAddressesInSubnet otherwise).
  const taken = new Set<string>();
  const launches: (PlannedAddresses | undefined)[][] = [];
  for (let k = 0; k < input.MaxCount; k++) {
    try {
      launches.push(plans.map((p) => (p.kind === 'new' ? planAddresses(ctx.world, p.subnet, p.addresses, 'instance', taken) : undefined)));
    } catch (e) {
      if (k >= input.MinCount && e instanceof AwsError && e.code === 'InsufficientFreeAddressesInSubnet') break;
      throw e;
    }
  }
  checkDryRun(input);
  const reservationId = ctx.world.newId('r');
  const now = ctx.world.now();
  const instances = launches.map((addresses, k) => {
    const i: InstanceRec = {
      id: ctx.world.newId('i'),
      ownerId: ctx.accountId,
      region: ctx.region,
      reservationId,
      imageId: input.ImageId as string,
      instanceType: input.InstanceType ?? DEFAULT_INSTANCE_TYPE,
      launchTime: now,
      amiLaunchIndex: k,
      availabilityZone: zone,
      availabilityZoneId: primary.kind === 'new' ? primary.subnet.availabilityZoneId : primary.nic.availabilityZoneId,
      subnetId: primary.kind === 'new' ? primary.subnet.id : primary.nic.subnetId,
      vpcId: primary.kind === 'new' ? primary.subnet.vpcId : primary.nic.vpcId,
      ...(input.ClientToken ? { clientToken: input.ClientToken } : {}),
      state: 'running',
      stateChangedAt: now,
      stateTransitionReason: '',
      networkInterfaceIds: [],
      tags: { ...tags.instance },
    };
    ctx.world.put('instance', i);
    plans.forEach((p, j) => {
      const nic =
        p.kind === 'existing'
          ? p.nic
          : storeInterface(ctx, p.subnet, addresses[j] as PlannedAddresses, { description: p.description, interfaceType: 'interface', groupIds: p.groupIds, tags: { ...tags.nic } });
      attachInterface(ctx, nic, i.id, p.deviceIndex, p.deleteOnTermination);
      i.networkInterfaceIds.push(nic.id);
    });
    return i;
  });
  return reservationOf(ctx, instances, 'pending');
}

/** The caller's instances named by a state-changing call (at least one). */
function namedInstances(ctx: CallContext, ids: readonly string[] | undefined): InstanceRec[] {
  if (!ids?.length) throw missingParameter('InstanceId');
  return pickByIds(INSTANCE_IDS, ids, (id) => {
    const i = ctx.cell.table('instance').get(id);
    return i && instanceVisible(ctx.world, i) ? i : undefined;
  });
}

/** "User initiated (2026-01-31 12:00:00 GMT)", as AWS words a state change the owner asked for. */
function userInitiated(at: number): string {
  return `User initiated (${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

const USER_SHUTDOWN = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };

function change(i: InstanceRec, previous: InstanceStateName, current: InstanceStateName): InstanceStateChange {
  return { InstanceId: i.id, CurrentState: instanceState(current), PreviousState: instanceState(previous) };
}

/** TerminateInstances: each interface goes with the instance when it is to be deleted on
 * termination, and is detached otherwise. */
export function terminateInstances(ctx: CallContext, input: TerminateInstancesRequest): TerminateInstancesResult {
  const instances = namedInstances(ctx, input.InstanceIds);
  checkDryRun(input);
  const now = ctx.world.now();
  return {
    TerminatingInstances: instances.map((i) => {
      const previous = i.state;
      if (previous === 'terminated') return change(i, previous, 'terminated');
      for (const n of interfacesOf(ctx.world, i)) {
        if (n.attachment?.deleteOnTermination) removeInterface(ctx.world, n);
        else delete n.attachment;
      }
      i.networkInterfaceIds = [];
      i.state = 'terminated';
      i.stateChangedAt = now;
      i.stateTransitionReason = userInitiated(now);
      i.stateReason = USER_SHUTDOWN;
      return change(i, previous, 'shutting-down');
    }),
  };
}

/** StopInstances: a stopped instance stays stopped; a terminated one cannot be stopped. */
export function stopInstances(ctx: CallContext, input: StopInstancesRequest): StopInstancesResult {
  const instances = namedInstances(ctx, input.InstanceIds);
  const gone = instances.find((i) => i.state === 'terminated');
  if (gone) throw new AwsError('IncorrectInstanceState', `The instance '${gone.id}' is not in a state from which it can be stopped.`);
  checkDryRun(input);
  const now = ctx.world.now();
  return {
    StoppingInstances: instances.map((i) => {
      if (i.state === 'stopped') return change(i, 'stopped', 'stopped');
      i.state = 'stopped';
      i.stateChangedAt = now;
      i.stateTransitionReason = userInitiated(now);
      i.stateReason = USER_SHUTDOWN;
      return change(i, 'running', 'stopping');
    }),
  };
}

/** StartInstances: a running instance stays running; a terminated one cannot be started. */
export function startInstances(ctx: CallContext, input: StartInstancesRequest): StartInstancesResult {
  const instances = namedInstances(ctx, input.InstanceIds);
  const gone = instances.find((i) => i.state === 'terminated');
  if (gone) throw new AwsError('IncorrectInstanceState', `The instance '${gone.id}' is not in a state from which it can be started.`);
  checkDryRun(input);
  const now = ctx.world.now();
  return {
    StartingInstances: instances.map((i) => {
      if (i.state === 'running') return change(i, 'running', 'running');
      i.state = 'running';
      i.stateChangedAt = now;
      i.stateTransitionReason = '';
      delete i.stateReason;
      return change(i, 'stopped', 'pending');
    }),
  };
}

/** The instances a Describe call starts from: those named, or every one Describe shows. */
function describedBase(ctx: CallContext, ids: readonly string[] | undefined, maxResults: number | undefined): InstanceRec[] {
  if (!ids?.length) return visibleInstances(ctx);
  if (maxResults !== undefined) throw invalidCombination('The parameter instancesSet cannot be used with the parameter maxResults');
  return pickByIds(INSTANCE_IDS, ids, (id) => {
    const i = ctx.cell.table('instance').get(id);
    return i && instanceVisible(ctx.world, i) ? i : undefined;
  });
}

/** DescribeInstances: the instances in their reservations, a page of reservations at a time. */
export function describeInstances(ctx: CallContext, input: DescribeInstancesRequest): DescribeInstancesResult {
  const base = describedBase(ctx, input.InstanceIds, input.MaxResults);
  const filtered = applyFilters(byId(base), input.Filters, instanceFilters(ctx.world), (i) => i.tags);
  checkDryRun(input);
  const byReservation = new Map<string, InstanceRec[]>();
  for (const i of filtered) {
    const list = byReservation.get(i.reservationId);
    if (list) list.push(i);
    else byReservation.set(i.reservationId, [i]);
  }
  const reservations = [...byReservation.entries()].map(([id, instances]) => ({ id, instances })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { page, nextToken } = paginate(reservations, (r) => r.id, input.MaxResults, input.NextToken);
  return { Reservations: page.map((r) => reservationOf(ctx, r.instances)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

function renderStatus(i: InstanceRec): InstanceStatus {
  const running = i.state === 'running';
  const checks = running ? { Status: 'ok' as const, Details: [{ Name: 'reachability' as const, Status: 'passed' as const }] } : { Status: 'not-applicable' as const };
  return {
    AvailabilityZone: i.availabilityZone,
    AvailabilityZoneId: i.availabilityZoneId,
    InstanceId: i.id,
    InstanceState: instanceState(i.state),
    InstanceStatus: checks,
    SystemStatus: checks,
  };
}

/** DescribeInstanceStatus: running instances (every one with IncludeAllInstances), whose checks
 * always pass. */
export function describeInstanceStatus(ctx: CallContext, input: DescribeInstanceStatusRequest): DescribeInstanceStatusResult {
  const base = describedBase(ctx, input.InstanceIds, input.MaxResults).filter((i) => input.IncludeAllInstances || i.state === 'running');
  const filtered = applyFilters(byId(base), input.Filters, INSTANCE_STATUS_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (i) => i.id, input.MaxResults, input.NextToken);
  return { InstanceStatuses: page.map(renderStatus), ...(nextToken ? { NextToken: nextToken } : {}) };
}
