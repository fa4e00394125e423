/** The demo's AWS Organization (see `demo.ts`): the network account is the management account,
 * in the root; the others are members in OUs (Workloads → Production and Development, Data),
 * each with an account name and an IAM alias; and a suspended account in Infrastructure that
 * exists only in the organisation (it has no VPCs and nobody can sign in to it). */
import type { ScenarioInput } from './scenario';

/** The demo's organisation. */
export const DEMO_ORGANIZATION: NonNullable<ScenarioInput['organization']> = {
  management: 'sandbox-network',
  ous: [
    { key: 'infrastructure', name: 'Infrastructure' },
    { key: 'workloads', name: 'Workloads' },
    { key: 'production', name: 'Production', parent: 'workloads' },
    { key: 'development', name: 'Development', parent: 'workloads' },
    { key: 'data', name: 'Data' },
  ],
  accounts: [
    { account: 'sandbox-network', name: 'Network', email: 'aws-network@example.com', alias: 'example-network', joined: '2019-06-03T09:00:00Z' },
    { account: 'sandbox-prod', ou: 'production', name: 'Production', email: 'aws-prod@example.com', alias: 'example-prod', joined: '2019-06-10T09:00:00Z' },
    { account: 'sandbox-dev', ou: 'development', name: 'Development', email: 'aws-dev@example.com', alias: 'example-dev', joined: '2019-06-10T09:05:00Z' },
    { account: 'sandbox-data', ou: 'data', name: 'Data', email: 'aws-data@example.com', alias: 'example-data', joined: '2020-02-17T14:30:00Z' },
    { id: '135791357913', ou: 'infrastructure', name: 'Legacy shared services', email: 'aws-legacy@example.com', status: 'SUSPENDED', joined: '2018-11-05T08:00:00Z' },
  ],
};
