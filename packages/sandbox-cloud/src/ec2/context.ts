/** What an EC2 action handler knows about the call it answers, and how an action is declared. */
import type { AwsError } from '../errors';
import type { SecurityGroupRec } from '../kinds/security-group/records';
import type { SubnetRec } from '../kinds/subnet/records';
import type { VpcRec } from '../kinds/vpc/records';
import type { Cell, World } from '../state/world';

/** A handler: takes the decoded input (SDK member names), returns the result structure or nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = (ctx: CallContext, input: any) => object | void;

/** One action: its handler and whether it changes state (mutating calls get smaller throttle buckets). */
export interface ActionEntry {
  readonly handler: AnyHandler;
  readonly mutating: boolean;
}

/** An action that only reads. */
export function read(handler: AnyHandler): ActionEntry {
  return { handler, mutating: false };
}

/** An action that changes state. */
export function write(handler: AnyHandler): ActionEntry {
  return { handler, mutating: true };
}

/** How one kind of resource takes part in DeleteVpc. */
export interface VpcDeleteHook {
  /** The error that stops the deletion while this kind still holds on to the VPC, or undefined. */
  readonly refuse?: (ctx: CallContext, v: VpcRec) => AwsError | undefined;
  /** Removes (or ends) what the VPC takes along when it goes. */
  readonly cascade?: (ctx: CallContext, v: VpcRec) => void;
}

/** How one kind of resource takes part in DeleteSubnet. */
export interface SubnetDeleteHook {
  /** The error that stops the deletion while this kind still holds on to the subnet, or undefined. */
  readonly refuse?: (ctx: CallContext, s: SubnetRec) => AwsError | undefined;
  /** Removes what the subnet takes along when it goes. */
  readonly cascade?: (ctx: CallContext, s: SubnetRec) => void;
}

/** How one kind of resource takes part in DeleteSecurityGroup. */
export interface SecurityGroupDeleteHook {
  /** The error that stops the deletion while this kind still uses the group, or undefined. */
  readonly refuse?: (ctx: CallContext, g: SecurityGroupRec) => AwsError | undefined;
}

/** Every kind's part in the deletions that other kinds may hold up, in registry order. */
export interface DeleteHooks {
  readonly onVpcDelete: readonly VpcDeleteHook[];
  readonly onSubnetDelete: readonly SubnetDeleteHook[];
  readonly onSecurityGroupDelete: readonly SecurityGroupDeleteHook[];
}

/** The caller and the state one call acts on. */
export interface CallContext {
  readonly world: World;
  /** The account the access key acts in. */
  readonly accountId: string;
  /** The region of the SigV4 credential scope. */
  readonly region: string;
  /** The caller's account+region cell. */
  readonly cell: Cell;
  readonly requestId: string;
  /** Every kind's part in DeleteVpc, checked and applied in this order. */
  readonly onVpcDelete: readonly VpcDeleteHook[];
  /** Every kind's part in DeleteSubnet, checked and applied in this order. */
  readonly onSubnetDelete: readonly SubnetDeleteHook[];
  /** Every kind's part in DeleteSecurityGroup, checked in this order. */
  readonly onSecurityGroupDelete: readonly SecurityGroupDeleteHook[];
}

/** Builds the context of a call by `accountId` in `region`. */
export function callContext(
  world: World,
  accountId: string,
  region: string,
  requestId: string,
  hooks: DeleteHooks,
): CallContext {
  return { world, accountId, region, cell: world.cell(accountId, region), requestId, ...hooks };
}
