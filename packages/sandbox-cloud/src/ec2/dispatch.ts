/** The EC2 action table, derived from the kinds' registry, and the call path every action shares.
 *
 * Both HTTP requests and the scenario loader go through `runEc2Action`, so a scenario is built
 * by exactly the code that answers the SDK and the CLI. `wire/extract-ec2-model.ts` copies the
 * request and response shapes of exactly these actions out of the AWS SDK's EC2 schema.
 */
import { DELETE_HOOKS, KIND_LIST, type KindAction } from '../kinds';
import { makeDueDefaultVpc } from '../kinds/vpc/actions';
import type { World } from '../state/world';
import { callContext, type ActionEntry } from './context';
import { REGION_ACTIONS } from './regions';
import { TAG_ACTIONS } from './tags';

/** One EC2 action name the sandbox answers: a kind's, or one of the region and tag services'. */
export type Ec2Action = KindAction | keyof typeof REGION_ACTIONS | keyof typeof TAG_ACTIONS;

function actionTable(groups: readonly Readonly<Record<string, ActionEntry>>[]): Readonly<Record<Ec2Action, ActionEntry>> {
  const table: Record<string, ActionEntry> = {};
  for (const group of groups) {
    for (const [name, entry] of Object.entries(group)) {
      if (table[name]) throw new Error(`EC2 action ${name} is declared by two kinds; each action belongs to exactly one.`);
      table[name] = entry;
    }
  }
  return table as Record<Ec2Action, ActionEntry>;
}

/** Every supported EC2 action: the regions', each kind's in registry order, the tags'. */
export const EC2_ACTIONS = actionTable([REGION_ACTIONS, ...KIND_LIST.map((k) => k.actions), TAG_ACTIONS]);

/** The EC2 actions the sandbox answers, in one list. */
export const SUPPORTED_EC2_ACTIONS = Object.keys(EC2_ACTIONS) as readonly Ec2Action[];

/** True when `name` is an EC2 action the sandbox answers. */
export function isSupportedEc2Action(name: string): name is Ec2Action {
  return Object.hasOwn(EC2_ACTIONS, name);
}

/** Runs one EC2 action for `accountId` in `region`, applying due lifecycle transitions around it. */
export function runEc2Action(
  world: World,
  accountId: string,
  region: string,
  action: Ec2Action,
  input: Record<string, unknown>,
  requestId: string,
): object | undefined {
  world.settle();
  const ctx = callContext(world, accountId, region, requestId, DELETE_HOOKS);
  makeDueDefaultVpc(ctx);
  const out = EC2_ACTIONS[action].handler(ctx, input);
  world.settle();
  return out ?? undefined;
}
