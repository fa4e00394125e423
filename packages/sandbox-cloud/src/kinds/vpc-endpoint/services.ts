/** The AWS services a region offers VPC endpoints to, as DescribeVpcEndpointServices lists them.
 *
 * Service names are `com.amazonaws.<region>.<service>` (EC2 API reference,
 * DescribeVpcEndpointServices; "AWS services that integrate with AWS PrivateLink"). S3 and DynamoDB
 * take gateway endpoints (routes to the region's AWS-managed prefix list of the service) as well as
 * interface endpoints; the others take interface endpoints, whose private DNS name is the
 * service's regional endpoint.
 */
import { createHash } from 'node:crypto';

import type { ServiceDetail } from '@aws-sdk/client-ec2';

import { zonesOf } from '../../regions';
import type { EndpointType } from './records';

interface ServiceDef {
  readonly service: string;
  readonly types: readonly EndpointType[];
  /** Interface endpoints get a private DNS name (`<service>.<region>.amazonaws.com`). */
  readonly privateDns: boolean;
}

const SERVICES: readonly ServiceDef[] = [
  { service: 'dynamodb', types: ['Gateway', 'Interface'], privateDns: false },
  { service: 'ec2', types: ['Interface'], privateDns: true },
  { service: 'ec2messages', types: ['Interface'], privateDns: true },
  { service: 'ecr.api', types: ['Interface'], privateDns: true },
  { service: 'ecr.dkr', types: ['Interface'], privateDns: true },
  { service: 'elasticloadbalancing', types: ['Interface'], privateDns: true },
  { service: 'kms', types: ['Interface'], privateDns: true },
  { service: 'lambda', types: ['Interface'], privateDns: true },
  { service: 'logs', types: ['Interface'], privateDns: true },
  { service: 'monitoring', types: ['Interface'], privateDns: true },
  { service: 's3', types: ['Gateway', 'Interface'], privateDns: false },
  { service: 'secretsmanager', types: ['Interface'], privateDns: true },
  { service: 'sns', types: ['Interface'], privateDns: true },
  { service: 'sqs', types: ['Interface'], privateDns: true },
  { service: 'ssm', types: ['Interface'], privateDns: true },
  { service: 'ssmmessages', types: ['Interface'], privateDns: true },
  { service: 'sts', types: ['Interface'], privateDns: true },
];

/** One service and endpoint type a region offers (S3 is offered twice: Gateway and Interface). */
export interface ServiceOffer {
  readonly serviceName: string;
  /** The short name (`s3`, `ec2`). */
  readonly service: string;
  readonly type: EndpointType;
  /** `vpce-svc-` and 17 hex digits, fixed by region, service and type. */
  readonly serviceId: string;
  readonly region: string;
  readonly privateDnsName?: string;
}

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Every offer of a region, by service name then type. */
export function endpointServices(region: string): ServiceOffer[] {
  const offers = SERVICES.flatMap((s) =>
    s.types.map(
      (type): ServiceOffer => ({
        serviceName: `com.amazonaws.${region}.${s.service}`,
        service: s.service,
        type,
        serviceId: `vpce-svc-${hex(`${region}/${s.service}/${type}`, 17)}`,
        region,
        ...(type === 'Interface' && s.privateDns ? { privateDnsName: `${s.service}.${region}.amazonaws.com` } : {}),
      }),
    ),
  );
  return offers.sort((a, b) => (offerKey(a) < offerKey(b) ? -1 : offerKey(a) > offerKey(b) ? 1 : 0));
}

/** The key offers are listed and paged by. */
export function offerKey(o: ServiceOffer): string {
  return `${o.serviceName}\u0000${o.type}`;
}

/** The offers of one service name in a region (none for a name the region does not offer). */
export function offersOf(region: string, serviceName: string): ServiceOffer[] {
  return endpointServices(region).filter((o) => o.serviceName === serviceName);
}

/** The wire form of an offer. */
export function renderServiceDetail(o: ServiceOffer, accountId: string): ServiceDetail {
  const zones = zonesOf(o.region, accountId);
  return {
    ServiceName: o.serviceName,
    ServiceId: o.serviceId,
    ServiceType: [{ ServiceType: o.type }],
    AvailabilityZoneIds: zones.map((z) => z.zoneId),
    AvailabilityZones: zones.map((z) => z.zoneName),
    Owner: 'amazon',
    BaseEndpointDnsNames: [o.type === 'Gateway' ? `${o.service}.${o.region}.amazonaws.com` : `${o.service}.${o.region}.vpce.amazonaws.com`],
    ...(o.privateDnsName
      ? { PrivateDnsName: o.privateDnsName, PrivateDnsNames: [{ PrivateDnsName: o.privateDnsName }], PrivateDnsNameVerificationState: 'verified' }
      : {}),
    VpcEndpointPolicySupported: true,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    Tags: [],
    SupportedIpAddressTypes: ['ipv4'],
  };
}

/** A name for DNS made of the digits of a hash (as AWS's endpoint DNS names carry 8 random characters). */
export function dnsToken(text: string, length: number): string {
  return hex(text, length);
}
