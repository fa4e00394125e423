/** Finds a scenario by name: `demo`, `empty`, `generated:…`, a JSON file, or a scenario object. */
import { readFileSync } from 'node:fs';

import { DEMO_SCENARIO } from './demo';
import { generateOrganization, generateScenario, parseGeneratedName } from './generate';
import { parseScenario, type Scenario, type ScenarioInput } from './scenario';

/** The demo's four accounts, with their roles, and nothing else. */
export const EMPTY_SCENARIO: ScenarioInput = {
  name: 'empty',
  description: 'The demo accounts with no resources.',
  seed: 'peerscape-empty-1',
  defaultVpcs: 'none',
  accounts: DEMO_SCENARIO.accounts.map((a) => ({ id: a.id, profile: a.profile, userName: a.userName, ...(a.roles ? { roles: a.roles } : {}) })),
};

/** Names the CLI and `startSandbox` accept. */
export const SCENARIO_NAMES = ['demo', 'empty', 'generated:accounts=N,regions=R,vpcs=V,seed=S[,ous=O,suspended=X]', '<file>.json'] as const;

/** Resolves and validates a scenario reference. */
export function resolveScenario(ref: string | ScenarioInput | Scenario): Scenario {
  if (typeof ref !== 'string') return parseScenario(ref);
  if (ref === 'demo') return parseScenario(DEMO_SCENARIO);
  if (ref === 'empty') return parseScenario(EMPTY_SCENARIO);
  if (ref === 'generated' || ref.startsWith('generated:')) {
    const opts = parseGeneratedName(ref);
    return parseScenario(opts.ous === undefined && opts.suspended === undefined ? generateScenario(opts) : generateOrganization(opts));
  }
  if (ref.endsWith('.json')) {
    let text: string;
    try {
      text = readFileSync(ref, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read scenario file ${ref}: ${(e as Error).message}`, { cause: e });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`Scenario file ${ref} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    return parseScenario(json);
  }
  throw new Error(`Unknown scenario "${ref}". Use one of: ${SCENARIO_NAMES.join(', ')}.`);
}

export { DEMO_SCENARIO, generateOrganization, generateScenario, parseScenario };
export type { Scenario, ScenarioInput };
