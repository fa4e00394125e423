/** An instance's stored record, its id form and its states. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Instance ids and the errors AWS answers for a malformed or unknown one. */
export const INSTANCE_IDS: IdSpec = {
  prefix: 'i-',
  notFound: 'InvalidInstanceID.NotFound',
  malformed: 'InvalidInstanceID.Malformed',
  noun: 'instance ID',
};

/** Image ids: any well-formed `ami-` id is taken (the sandbox keeps no image catalogue). */
export const IMAGE_IDS: IdSpec = {
  prefix: 'ami-',
  notFound: 'InvalidAMIID.NotFound',
  malformed: 'InvalidAMIID.Malformed',
  noun: 'image id',
};

/** An instance's state names and codes ("Instance state", EC2 API reference: the low byte). */
export const STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

/** A state name. */
export type InstanceStateName = keyof typeof STATE_CODES;

/** The states an instance rests in (the others are what the calls that change it answer). */
export type SettledState = 'running' | 'stopped' | 'terminated';

/** An instance. Its interfaces are network interface records attached to it. */
export interface InstanceRec {
  id: string;
  ownerId: string;
  region: string;
  /** `r-…`: the RunInstances call that launched it. */
  reservationId: string;
  imageId: string;
  instanceType: string;
  launchTime: number;
  amiLaunchIndex: number;
  availabilityZone: string;
  availabilityZoneId: string;
  subnetId: string;
  vpcId: string;
  clientToken?: string;
  state: SettledState;
  /** When it last changed state (a terminated instance disappears a while after). */
  stateChangedAt: number;
  stateTransitionReason: string;
  stateReason?: { code: string; message: string };
  /** Its attached interfaces, in device index order. */
  networkInterfaceIds: string[];
  tags: TagMap;
}
