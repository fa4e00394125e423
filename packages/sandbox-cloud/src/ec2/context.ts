/** What an EC2 action handler knows about the call it answers. */
import type { Cell, World } from '../state/world';

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
}

/** Builds the context of a call by `accountId` in `region`. */
export function callContext(world: World, accountId: string, region: string, requestId: string): CallContext {
  return { world, accountId, region, cell: world.cell(accountId, region), requestId };
}
