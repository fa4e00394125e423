/** What an EC2 action handler knows about the call it answers. */
import type { AwsError } from '../errors';
import type { VpcRec } from '../state/records';
import type { Cell, World } from '../state/world';

/** How one kind of resource takes part in DeleteVpc. */
export interface VpcDeleteHook {
  /** The error that stops the deletion while this kind still holds on to the VPC, or undefined. */
  readonly refuse?: (ctx: CallContext, v: VpcRec) => AwsError | undefined;
  /** Removes (or ends) what the VPC takes along when it goes. */
  readonly cascade?: (ctx: CallContext, v: VpcRec) => void;
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
}

/** Builds the context of a call by `accountId` in `region`. */
export function callContext(
  world: World,
  accountId: string,
  region: string,
  requestId: string,
  onVpcDelete: readonly VpcDeleteHook[],
): CallContext {
  return { world, accountId, region, cell: world.cell(accountId, region), requestId, onVpcDelete };
}
