/** The hand-made `demo` organisation, what a user explores when choosing Sandbox: four accounts
 * (network hub, prod, dev, data) across us-east-1, eu-west-1 and ap-southeast-2, 18 VPCs plus a
 * default VPC. It is built to show every situation the app explains:
 * - peerings in every status, the transient ones held (`initiating-request`, `provisioning`,
 *   and `deleting` on an inter-region peering);
 * - an overlapping pair on the primary block (dev-legacy ↔ shared-use1, whose request failed)
 *   and one through a secondary block (data-staging ↔ data-lake, failed too);
 * - a chain A–B–C without A–C: shared-use1 — prod-app-use1 — prod-db-use1;
 * - a peering with routes on one side only (hub-dev-app: the dev side has no route back);
 * - a route table with conflicting routes (prod-app-private sends prod-db's CIDR into the hub
 *   peering, and shared-private has an overlapping /9 into the wrong peering);
 * - routes that are `blackhole` (to a pending request, and to a deleted peering);
 * - subnets explicitly associated with a table and subnets that use the main table;
 * - security groups whose rules name peer CIDRs and peer security groups (across accounts);
 * - gateways as resources: the egress VPC's internet gateway and NAT gateway (with its Elastic
 *   IP), which its tables route to; the hub's VPN and egress-only gateways; the default VPC's
 *   internet gateway; and every VPC's default network ACL;
 * - transit gateways: the network account's hub-tgw in us-east-1, shared through an AWS RAM
 *   resource share with the prod and data accounts (both accepted the invitation); attached are
 *   shared-services (same account), prod-app (accepted by the network account) and data-lake
 *   (still pendingAcceptance); prod-app reaches shared-services both over the hub-prod-app
 *   peering and through hub-tgw, and its main table's more specific route decides (10.0.0.0/16
 *   to the peering beats 10.0.0.0/15 to the gateway, so only the 10.1.0.0/16 block goes through
 *   the gateway); hub-tgw is peered with eu-tgw (the network account's gateway in eu-west-1,
 *   shared-services-eu attached), accepted, with a static route each way.
 */
import { DEMO_ORGANIZATION } from './demo-org';
import { DEMO_SSO, withDemoRoles } from './demo-roles';
import { DEMO_TRANSIT_GATEWAY_PEERINGS, DEMO_TRANSIT_GATEWAYS } from './demo-tgw';
import type { ScenarioInput } from './scenario';

const NET = 'sandbox-network';
const PROD = 'sandbox-prod';
const DEV = 'sandbox-dev';
const DATA = 'sandbox-data';

/** The demo scenario. */
export const DEMO_SCENARIO: ScenarioInput = {
  name: 'demo',
  description: 'A four-account organisation with a network hub, in three regions, showing every peering situation.',
  seed: 'peerscape-demo-1',
  // The network account keeps the default VPC of its home region; the others deleted theirs.
  defaultVpcs: 'none',
  accounts: withDemoRoles([
    { id: '111122223333', profile: NET, userName: 'network-admin', defaultVpcRegions: ['us-east-1'] },
    { id: '444455556666', profile: PROD, userName: 'prod-admin' },
    { id: '777788889999', profile: DEV, userName: 'dev-admin' },
    { id: '246813579024', profile: DATA, userName: 'data-admin' },
  ]),
  sso: DEMO_SSO,
  vpcs: [
    {
      key: 'shared-use1',
      account: NET,
      region: 'us-east-1',
      cidr: '10.0.0.0/16',
      secondaryCidrs: ['10.1.0.0/16'],
      ipv6: true,
      dnsHostnames: true,
      name: 'shared-services',
      tags: { Environment: 'shared', Team: 'network' },
      subnets: [
        { key: 'shared-a', cidr: '10.0.0.0/24', zone: 'a', ipv6: true, name: 'shared-public-a' },
        { key: 'shared-b', cidr: '10.0.1.0/24', zone: 'b', name: 'shared-private-b' },
        { key: 'shared-c', cidr: '10.1.0.0/24', zone: 'c', name: 'shared-private-c' },
      ],
      // Gateways the hub holds without routes to them yet: a VPN gateway towards the data centre,
      // an egress-only gateway for its IPv6 block.
      vpnGateway: { key: 'shared-vgw', name: 'datacentre-vgw' },
      egressOnlyGateway: { key: 'shared-eigw', name: 'shared-ipv6-out' },
      routeTables: [
        {
          key: 'shared-main',
          main: true,
          name: 'shared-main',
          routes: [
            { destination: 'vpc:prod-app-use1', peering: 'hub-prod-app' },
            { destination: 'vpc:shared-euw1', peering: 'hub-use1-euw1' },
            { destination: 'vpc:egress-use1', peering: 'hub-egress' },
            // prod-app's second block is not covered by the peering route: it goes through hub-tgw.
            { destination: '10.66.0.0/16', transitGateway: 'hub-tgw' },
          ],
        },
        {
          key: 'shared-private',
          name: 'shared-private',
          subnets: ['shared-b', 'shared-c'],
          routes: [
            { destination: 'vpc:prod-app-use1', peering: 'hub-prod-app' },
            { destination: 'vpc:dev-app-use1', peering: 'hub-dev-app' },
            // Conflicting: overlaps the dev route above and sends it into the prod peering.
            { destination: '10.128.0.0/9', peering: 'hub-prod-app' },
            { destination: '0.0.0.0/0', peering: 'hub-egress' },
          ],
        },
      ],
      securityGroups: [
        {
          key: 'shared-dns',
          name: 'shared-dns',
          description: 'DNS resolvers for the organisation',
          ingress: [
            { protocol: 'udp', fromPort: 53, toPort: 53, cidr: '10.64.0.0/16', description: 'prod-app over hub-prod-app' },
            { protocol: 'tcp', fromPort: 53, toPort: 53, group: 'prod-app-web', description: 'prod web tier (peer security group)' },
            { protocol: 'udp', fromPort: 53, toPort: 53, cidr: '10.128.0.0/16', description: 'dev-app over hub-dev-app' },
          ],
        },
      ],
    },
    {
      key: 'egress-use1',
      account: NET,
      region: 'us-east-1',
      cidr: '10.2.0.0/16',
      name: 'egress',
      tags: { Environment: 'shared', Team: 'network' },
      subnets: [
        { key: 'egress-public', cidr: '10.2.0.0/24', zone: 'a', name: 'egress-public' },
        { key: 'egress-private', cidr: '10.2.1.0/24', zone: 'b', name: 'egress-private' },
      ],
      internetGateway: { key: 'egress-igw', name: 'egress-igw' },
      natGateways: [{ key: 'egress-nat-gw', subnet: 'egress-public', name: 'egress-nat' }],
      routeTables: [
        { key: 'egress-main', main: true, name: 'egress-public', routes: [{ destination: '0.0.0.0/0', gateway: 'egress-igw' }] },
        {
          key: 'egress-nat',
          name: 'egress-private',
          subnets: ['egress-private'],
          routes: [
            { destination: '0.0.0.0/0', natGateway: 'egress-nat-gw' },
            { destination: 'vpc:shared-use1', peering: 'hub-egress' },
          ],
        },
      ],
    },
    {
      key: 'shared-euw1',
      account: NET,
      region: 'eu-west-1',
      cidr: '10.16.0.0/16',
      ipv6: true,
      name: 'shared-services-eu',
      tags: { Environment: 'shared', Team: 'network' },
      subnets: [{ key: 'shared-eu-a', cidr: '10.16.0.0/24', zone: 'a', name: 'shared-eu-a' }],
      routeTables: [
        {
          key: 'shared-eu-main',
          main: true,
          routes: [
            { destination: 'vpc:shared-use1', peering: 'hub-use1-euw1' },
            { destination: 'vpc:prod-app-euw1', peering: 'hub-eu-prod' },
          ],
        },
      ],
    },
    {
      key: 'shared-apse2',
      account: NET,
      region: 'ap-southeast-2',
      cidr: '10.32.0.0/16',
      name: 'shared-services-apac',
      tags: { Environment: 'shared', Team: 'network' },
      subnets: [{ key: 'shared-ap-a', cidr: '10.32.0.0/24', zone: 'a' }],
    },
    {
      key: 'prod-app-use1',
      account: PROD,
      region: 'us-east-1',
      cidr: '10.64.0.0/16',
      secondaryCidrs: ['10.66.0.0/16'],
      ipv6: true,
      dnsHostnames: true,
      name: 'prod-app',
      tags: { Environment: 'prod', Team: 'payments' },
      subnets: [
        { key: 'prod-app-a', cidr: '10.64.0.0/20', zone: 'a', name: 'prod-app-a' },
        { key: 'prod-app-b', cidr: '10.64.16.0/20', zone: 'b', name: 'prod-app-b' },
        { key: 'prod-app-c', cidr: '10.66.0.0/20', zone: 'c', name: 'prod-app-c' },
      ],
      routeTables: [
        {
          key: 'prod-app-main',
          main: true,
          name: 'prod-app-main',
          routes: [
            { destination: 'vpc:shared-use1', peering: 'hub-prod-app' },
            { destination: 'vpc:prod-db-use1', peering: 'prod-app-db' },
            // Shared services reachable both ways: the /16 above (the peering) is more specific than
            // this /15 (hub-tgw), so only shared-services' 10.1.0.0/16 block goes through the gateway.
            { destination: '10.0.0.0/15', transitGateway: 'hub-tgw' },
          ],
        },
        {
          key: 'prod-app-private',
          name: 'prod-app-private',
          subnets: ['prod-app-a'],
          routes: [
            { destination: 'vpc:shared-use1', peering: 'hub-prod-app' },
            // Conflicting: prod-db's CIDR sent into the hub peering (peerings are not transitive).
            { destination: 'vpc:prod-db-use1', peering: 'hub-prod-app' },
          ],
        },
      ],
      securityGroups: [
        {
          key: 'prod-app-web',
          name: 'prod-app-web',
          description: 'Web tier',
          ingress: [
            { protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.0.0.0/16', description: 'shared services over hub-prod-app' },
            { protocol: 'tcp', fromPort: 443, toPort: 443, group: 'shared-dns', description: 'shared DNS (peer security group)' },
          ],
        },
      ],
    },
    {
      key: 'prod-db-use1',
      account: PROD,
      region: 'us-east-1',
      cidr: '10.65.0.0/16',
      name: 'prod-db',
      tags: { Environment: 'prod', Team: 'payments' },
      subnets: [
        { key: 'prod-db-a', cidr: '10.65.0.0/24', zone: 'a', name: 'prod-db-a' },
        { key: 'prod-db-b', cidr: '10.65.1.0/24', zone: 'b', name: 'prod-db-b' },
      ],
      routeTables: [{ key: 'prod-db-main', main: true, routes: [{ destination: 'vpc:prod-app-use1', peering: 'prod-app-db' }] }],
      securityGroups: [
        {
          key: 'prod-db',
          name: 'prod-db',
          description: 'PostgreSQL',
          ingress: [
            { protocol: 'tcp', fromPort: 5432, toPort: 5432, group: 'prod-app-web', description: 'app tier over prod-app-db' },
            { protocol: 'tcp', fromPort: 5432, toPort: 5432, cidr: '10.192.0.0/16', description: 'data-lake (request still pending)' },
          ],
        },
      ],
    },
    {
      key: 'prod-app-euw1',
      account: PROD,
      region: 'eu-west-1',
      cidr: '10.80.0.0/16',
      ipv6: true,
      name: 'prod-app-eu',
      tags: { Environment: 'prod', Team: 'payments' },
      subnets: [{ key: 'prod-eu-a', cidr: '10.80.0.0/20', zone: 'a' }],
      routeTables: [{ key: 'prod-eu-main', main: true, routes: [{ destination: 'vpc:shared-euw1', peering: 'hub-eu-prod' }] }],
    },
    {
      key: 'prod-db-euw1',
      account: PROD,
      region: 'eu-west-1',
      cidr: '10.81.0.0/16',
      name: 'prod-db-eu',
      tags: { Environment: 'prod', Team: 'payments' },
      subnets: [{ key: 'prod-db-eu-a', cidr: '10.81.0.0/24', zone: 'a' }],
      // The peering to data-etl was deleted: this route is now a blackhole.
      routeTables: [{ key: 'prod-db-eu-main', main: true, routes: [{ destination: 'vpc:data-etl-euw1', peering: 'prod-db-etl' }] }],
    },
    {
      key: 'prod-app-apse2',
      account: PROD,
      region: 'ap-southeast-2',
      cidr: '10.96.0.0/16',
      name: 'prod-app-apac',
      tags: { Environment: 'prod', Team: 'payments' },
      subnets: [{ key: 'prod-ap-a', cidr: '10.96.0.0/20', zone: 'a' }],
    },
    {
      key: 'dev-app-use1',
      account: DEV,
      region: 'us-east-1',
      cidr: '10.128.0.0/16',
      name: 'dev-app',
      tags: { Environment: 'dev', Team: 'payments' },
      subnets: [
        { key: 'dev-app-a', cidr: '10.128.0.0/20', zone: 'a' },
        { key: 'dev-app-b', cidr: '10.128.16.0/20', zone: 'b' },
      ],
      securityGroups: [
        {
          key: 'dev-default',
          name: 'default',
          ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '10.0.0.0/16', description: 'SSH from shared services' }],
        },
      ],
    },
    {
      key: 'dev-db-use1',
      account: DEV,
      region: 'us-east-1',
      cidr: '10.129.0.0/16',
      name: 'dev-db',
      tags: { Environment: 'dev' },
      subnets: [{ key: 'dev-db-a', cidr: '10.129.0.0/24', zone: 'a' }],
    },
    {
      key: 'dev-legacy-use1',
      account: DEV,
      region: 'us-east-1',
      // Overlaps shared-use1 (10.0.0.0/16): its peering request failed.
      cidr: '10.0.0.0/16',
      name: 'dev-legacy',
      tags: { Environment: 'dev', Note: 'overlaps shared-services' },
      subnets: [{ key: 'dev-legacy-a', cidr: '10.0.0.0/24', zone: 'a' }],
    },
    {
      key: 'dev-app-euw1',
      account: DEV,
      region: 'eu-west-1',
      cidr: '10.144.0.0/16',
      name: 'dev-app-eu',
      tags: { Environment: 'dev' },
    },
    {
      key: 'dev-sandbox-apse2',
      account: DEV,
      region: 'ap-southeast-2',
      cidr: '10.160.0.0/16',
      name: 'dev-sandbox-apac',
      tags: { Environment: 'dev' },
    },
    {
      key: 'data-lake-use1',
      account: DATA,
      region: 'us-east-1',
      cidr: '10.192.0.0/16',
      secondaryCidrs: ['10.193.0.0/16'],
      name: 'data-lake',
      tags: { Environment: 'prod', Team: 'data' },
      subnets: [
        { key: 'lake-a', cidr: '10.192.0.0/20', zone: 'a' },
        { key: 'lake-b', cidr: '10.193.0.0/20', zone: 'b' },
      ],
      routeTables: [
        {
          key: 'lake-main',
          main: true,
          routes: [
            // The request to prod-db is still pending: blackhole until it is accepted.
            { destination: 'vpc:prod-db-use1', peering: 'lake-prod-db' },
            { destination: '172.16.0.0/12', transitGateway: 'tgw-0f1e2d3c4b5a69788' },
          ],
        },
      ],
    },
    {
      key: 'data-staging-use1',
      account: DATA,
      region: 'us-east-1',
      cidr: '10.200.0.0/16',
      // Overlaps data-lake's secondary block 10.193.0.0/16: the request between them failed.
      secondaryCidrs: ['10.193.128.0/17'],
      name: 'data-staging',
      tags: { Environment: 'staging', Team: 'data' },
    },
    {
      key: 'data-etl-euw1',
      account: DATA,
      region: 'eu-west-1',
      cidr: '10.208.0.0/16',
      name: 'data-etl-eu',
      tags: { Environment: 'prod', Team: 'data' },
      subnets: [{ key: 'etl-a', cidr: '10.208.0.0/20', zone: 'a' }],
    },
    {
      key: 'data-analytics-apse2',
      account: DATA,
      region: 'ap-southeast-2',
      cidr: '10.224.0.0/16',
      ipv6: true,
      name: 'data-analytics-apac',
      tags: { Environment: 'prod', Team: 'data' },
      subnets: [{ key: 'analytics-a', cidr: '10.224.0.0/20', zone: 'a', ipv6: true }],
    },
  ],
  peerings: [
    { key: 'hub-prod-app', requester: 'shared-use1', accepter: 'prod-app-use1', status: 'active', name: 'hub-prod-app', requesterDnsResolution: true, accepterDnsResolution: true },
    { key: 'prod-app-db', requester: 'prod-app-use1', accepter: 'prod-db-use1', status: 'active', name: 'prod-app-db' },
    { key: 'hub-dev-app', requester: 'shared-use1', accepter: 'dev-app-use1', status: 'active', name: 'hub-dev-app' },
    { key: 'hub-egress', requester: 'shared-use1', accepter: 'egress-use1', status: 'active', name: 'hub-egress' },
    { key: 'hub-use1-euw1', requester: 'shared-use1', accepter: 'shared-euw1', status: 'active', name: 'hub-us-eu' },
    { key: 'hub-eu-prod', requester: 'shared-euw1', accepter: 'prod-app-euw1', status: 'active', name: 'hub-eu-prod' },
    { key: 'hub-eu-apac', requester: 'shared-euw1', accepter: 'shared-apse2', status: 'deleting', name: 'hub-eu-apac' },
    { key: 'legacy-hub', requester: 'dev-legacy-use1', accepter: 'shared-use1', status: 'failed', name: 'legacy-to-hub' },
    { key: 'staging-lake', requester: 'data-staging-use1', accepter: 'data-lake-use1', status: 'failed', name: 'staging-to-lake' },
    { key: 'apac-prod-hub', requester: 'prod-app-apse2', accepter: 'shared-apse2', status: 'pending-acceptance', name: 'apac-prod-to-hub' },
    { key: 'lake-prod-db', requester: 'data-lake-use1', accepter: 'prod-db-use1', status: 'pending-acceptance', name: 'lake-to-prod-db' },
    { key: 'apac-dev-hub', requester: 'dev-sandbox-apse2', accepter: 'shared-apse2', status: 'rejected', name: 'apac-dev-to-hub' },
    { key: 'dev-db-lake', requester: 'dev-db-use1', accepter: 'data-lake-use1', status: 'expired', name: 'dev-db-to-lake' },
    { key: 'prod-db-etl', requester: 'prod-db-euw1', accepter: 'data-etl-euw1', status: 'deleted', deletedBy: 'accepter', name: 'prod-db-to-etl' },
    { key: 'analytics-prod', requester: 'data-analytics-apse2', accepter: 'prod-app-apse2', status: 'provisioning', name: 'analytics-to-prod' },
    { key: 'dev-eu-etl', requester: 'dev-app-euw1', accepter: 'data-etl-euw1', status: 'initiating-request', name: 'dev-eu-to-etl' },
  ],
  transitGateways: DEMO_TRANSIT_GATEWAYS,
  transitGatewayPeerings: DEMO_TRANSIT_GATEWAY_PEERINGS,
  organization: DEMO_ORGANIZATION,
};
