/** What the transit gateway tests share: a sandbox on a clock the test file moves, a sandbox-prod
 * client, and helpers that make gateways, VPCs with subnets and attachments, and search and print
 * transit gateway routes. */
import {
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  SearchTransitGatewayRoutesCommand,
  type EC2Client,
  type Filter,
  type TransitGatewayRoute,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { ec2 } from '../../clients';

export const HOUR = 3_600_000;
/** Where the clock of each test file starts. */
export const START = Date.parse('2026-03-01T12:00:00Z');
export let sb: SandboxHandle;
export let c: EC2Client;
let cidrs = 0;

/** Starts the sandbox before the file's tests (on `clock`) and stops it after them. */
export function useTransitGatewaySandbox(clock: () => number): void {
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'empty', clock });
    c = ec2(sb, 'sandbox-prod');
  });
  afterAll(async () => sb.stop());
}

export const tgw = async (options: Record<string, unknown> = {}): Promise<{ id: string; rtb: string | undefined }> => {
  const g = (await c.send(new CreateTransitGatewayCommand({ Options: options }))).TransitGateway;
  return { id: g?.TransitGatewayId as string, rtb: g?.Options?.AssociationDefaultRouteTableId ?? g?.Options?.PropagationDefaultRouteTableId };
};
/** A VPC (a fresh /16 unless given) with a subnet in each zone asked for. */
export const vpc = async (zones = ['a'], cidr = `10.${++cidrs}.0.0/16`): Promise<{ vpc: string; cidr: string; subnets: string[] }> => {
  const v = (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
  const subnets: string[] = [];
  for (const [i, z] of zones.entries()) {
    const s = await c.send(new CreateSubnetCommand({ VpcId: v, CidrBlock: cidr.replace(/\.0\.0\/16$/, `.${i}.0/24`), AvailabilityZone: `us-east-1${z}` }));
    subnets.push(s.Subnet?.SubnetId as string);
  }
  return { vpc: v, cidr, subnets };
};
export const attach = async (g: string, v: { vpc: string; subnets: string[] }): Promise<string> =>
  (await c.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: g, VpcId: v.vpc, SubnetIds: v.subnets }))).TransitGatewayVpcAttachment
    ?.TransitGatewayAttachmentId as string;
export const search = async (rtb: string, filters: Filter[]): Promise<TransitGatewayRoute[]> =>
  (await c.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: rtb, Filters: filters }))).Routes ?? [];
export const all = (rtb: string): Promise<TransitGatewayRoute[]> => search(rtb, [{ Name: 'state', Values: ['active', 'blackhole'] }]);
export const brief = (routes: TransitGatewayRoute[]): string[] =>
  routes
    .map((r) => `${r.DestinationCidrBlock} ${r.Type} ${r.State} ${r.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId).join(',') ?? '-'}`)
    .sort();
