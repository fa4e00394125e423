/** The demo's transit gateways (see `demo.ts`): the network account's hub-tgw in us-east-1,
 * shared through RAM with the prod and data accounts and attached to shared-services, prod-app
 * (accepted) and data-lake (left pendingAcceptance); and eu-tgw in eu-west-1, peered with it. */
import type { ScenarioInput } from './scenario';

const NET = 'sandbox-network';
const PROD = 'sandbox-prod';
const DATA = 'sandbox-data';

/** The demo's transit gateways. */
export const DEMO_TRANSIT_GATEWAYS: NonNullable<ScenarioInput['transitGateways']> = [
  {
    key: 'hub-tgw',
    account: NET,
    region: 'us-east-1',
    name: 'hub-tgw',
    description: 'Shared transit hub',
    tags: { Team: 'network' },
    shareWith: [PROD, DATA],
    attachments: [
      { key: 'tgw-shared', vpc: 'shared-use1', subnets: ['shared-a', 'shared-b', 'shared-c'], name: 'shared-services' },
      // From the prod account, accepted by the network account.
      { key: 'tgw-prod-app', vpc: 'prod-app-use1', subnets: ['prod-app-a', 'prod-app-b'], name: 'prod-app' },
      // From the data account, not accepted yet.
      { key: 'tgw-data-lake', vpc: 'data-lake-use1', subnets: ['lake-a', 'lake-b'], status: 'pendingAcceptance', name: 'data-lake' },
    ],
    routes: [{ destination: 'vpc:shared-euw1', attachment: 'hub-us-eu-tgw' }],
  },
  {
    key: 'eu-tgw',
    account: NET,
    region: 'eu-west-1',
    name: 'eu-tgw',
    amazonSideAsn: 64513,
    tags: { Team: 'network' },
    attachments: [{ key: 'tgw-shared-eu', vpc: 'shared-euw1', name: 'shared-services-eu' }],
    routes: [{ destination: 'vpc:shared-use1', attachment: 'hub-us-eu-tgw' }],
  },
];

/** The peering between them, accepted, with a static route each way (in the gateways' routes). */
export const DEMO_TRANSIT_GATEWAY_PEERINGS: NonNullable<ScenarioInput['transitGatewayPeerings']> = [
  { key: 'hub-us-eu-tgw', requester: 'hub-tgw', accepter: 'eu-tgw', status: 'available', name: 'hub-us-eu-tgw' },
];
