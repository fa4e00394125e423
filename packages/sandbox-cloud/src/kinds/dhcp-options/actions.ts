/** DHCP options set actions: Create/Associate/Delete/DescribeDhcpOptions.
 *
 * From the EC2 API reference of these actions and "DHCP option sets" in the Amazon VPC user
 * guide: each region of an account has a default set (`domain-name` and `domain-name-servers`
 * AmazonProvidedDNS) that new VPCs use; a custom set holds up to four DNS servers, eight NTP
 * servers (four IPv4, four IPv6), four NetBIOS name servers, a NetBIOS node type (1, 2, 4 or 8)
 * and an IPv6 preferred lease time (140 to 2147483647 seconds); a set cannot be deleted while a
 * VPC uses it; AssociateDhcpOptions with `default` leaves a VPC with no set.
 */
import type {
  AssociateDhcpOptionsRequest,
  CreateDhcpOptionsRequest,
  CreateDhcpOptionsResult,
  DeleteDhcpOptionsRequest,
  DescribeDhcpOptionsRequest,
  DescribeDhcpOptionsResult,
  DhcpOptions,
  NewDhcpConfiguration,
} from '@aws-sdk/client-ec2';

import { parseCidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidValue, missingParameter } from '../../errors';
import { requireVpc } from '../vpc/store';
import { DHCP_OPTIONS_FILTERS } from './filters';
import { DHCP_OPTIONS_IDS, type DhcpConfigurationRec, type DhcpOptionsRec } from './records';
import { liveDhcpOptions, requireDhcpOptions } from './store';

/** The wire form of a set: its options in key order, as AWS lists them. */
export function renderDhcpOptions(d: DhcpOptionsRec): DhcpOptions {
  return {
    DhcpConfigurations: [...d.configurations]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((c) => ({ Key: c.key, Values: c.values.map((Value) => ({ Value })) })),
    DhcpOptionsId: d.id,
    OwnerId: d.ownerId,
    ...(Object.keys(d.tags).length > 0 ? { Tags: tagList(d.tags) } : {}),
  };
}

function isAddress(text: string, family?: 4 | 6): boolean {
  const c = parseCidr(`${text}/${text.includes(':') ? 128 : 32}`);
  return c !== undefined && (family === undefined || c.family === family);
}

/** Server lists may be given as one comma-separated value ("specify the IP addresses in a single
 * parameter, separated by commas"). */
function serverList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

/** One option of CreateDhcpOptions, checked. */
function readConfiguration(c: NewDhcpConfiguration, i: number): DhcpConfigurationRec {
  const where = `DhcpConfiguration.${i + 1}`;
  if (!c.Key) throw missingParameter(`${where}.Key`);
  const raw = c.Values ?? [];
  if (raw.length === 0) throw missingParameter(`${where}.Value`);
  const bad = (why: string): AwsError => invalidValue(`${where}.Value`, raw.join(','), why);
  switch (c.Key) {
    case 'domain-name':
      return { key: c.Key, values: [...raw] };
    case 'domain-name-servers': {
      const values = serverList(raw);
      if (values.length > 4 || !values.every((v) => v === 'AmazonProvidedDNS' || isAddress(v))) {
        throw bad('Expecting up to four IP addresses of DNS servers, or AmazonProvidedDNS.');
      }
      return { key: c.Key, values };
    }
    case 'ntp-servers': {
      const values = serverList(raw);
      const v4 = values.filter((v) => isAddress(v, 4)).length;
      const v6 = values.filter((v) => isAddress(v, 6)).length;
      if (v4 + v6 !== values.length || v4 > 4 || v6 > 4) throw bad('Expecting up to four IPv4 and four IPv6 addresses of NTP servers.');
      return { key: c.Key, values };
    }
    case 'netbios-name-servers': {
      const values = serverList(raw);
      if (values.length > 4 || !values.every((v) => isAddress(v, 4))) throw bad('Expecting up to four IPv4 addresses of NetBIOS name servers.');
      return { key: c.Key, values };
    }
    case 'netbios-node-type':
      if (raw.length !== 1 || !['1', '2', '4', '8'].includes(raw[0] as string)) throw bad('Expecting one NetBIOS node type: 1, 2, 4 or 8.');
      return { key: c.Key, values: [...raw] };
    case 'ipv6-address-preferred-lease-time': {
      const n = Number(raw[0]);
      if (raw.length !== 1 || !/^\d+$/.test(raw[0] as string) || n < 140 || n > 2147483647) {
        throw bad('Expecting one lease time in seconds, from 140 to 2147483647.');
      }
      return { key: c.Key, values: [...raw] };
    }
    default:
      throw invalidValue(`${where}.Key`, c.Key, 'Expecting domain-name, domain-name-servers, ntp-servers, netbios-name-servers, netbios-node-type or ipv6-address-preferred-lease-time.');
  }
}

/** CreateDhcpOptions. */
export function createDhcpOptions(ctx: CallContext, input: CreateDhcpOptionsRequest): CreateDhcpOptionsResult {
  const given = input.DhcpConfigurations ?? [];
  if (given.length === 0) throw missingParameter('DhcpConfiguration');
  const configurations = given.map(readConfiguration);
  const keys = configurations.map((c) => c.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new AwsError('InvalidParameterValue', `The DHCP option ${twice} is given more than once; give each option once, with all its values.`);
  const tags = tagsFromSpecs(input.TagSpecifications, 'dhcp-options');
  checkDryRun(input);
  const d: DhcpOptionsRec = { id: ctx.world.newId('dopt'), ownerId: ctx.accountId, region: ctx.region, configurations, tags };
  ctx.world.put('dhcpOptions', d);
  return { DhcpOptions: renderDhcpOptions(d) };
}

/** AssociateDhcpOptions: a set of the caller's, or `default` for none. */
export function associateDhcpOptions(ctx: CallContext, input: AssociateDhcpOptionsRequest): void {
  if (!input.DhcpOptionsId) throw missingParameter('DhcpOptionsId');
  const v = requireVpc(ctx, input.VpcId);
  const id = input.DhcpOptionsId === 'default' ? 'default' : requireDhcpOptions(ctx, input.DhcpOptionsId).id;
  checkDryRun(input);
  v.dhcpOptionsId = id;
}

/** DeleteDhcpOptions: never while a VPC uses the set. */
export function deleteDhcpOptions(ctx: CallContext, input: DeleteDhcpOptionsRequest): void {
  const d = requireDhcpOptions(ctx, input.DhcpOptionsId);
  for (const v of ctx.cell.table('vpc').values()) {
    // A set a VPC uses cannot go.
    if (v.dhcpOptionsId === d.id) throw new AwsError('DependencyViolation', `The dhcpOptions '${d.id}' has dependencies and cannot be deleted.`);
  }
  checkDryRun(input);
  if (d.isDefault) {
    d.deleted = true;
    d.tags = {};
  } else {
    ctx.world.remove(d.id);
  }
}

/** DescribeDhcpOptions. */
export function describeDhcpOptions(ctx: CallContext, input: DescribeDhcpOptionsRequest): DescribeDhcpOptionsResult {
  const live = liveDhcpOptions(ctx);
  const base = input.DhcpOptionsIds?.length ? pickByIds(DHCP_OPTIONS_IDS, input.DhcpOptionsIds, (id) => live.find((d) => d.id === id)) : live;
  const filtered = applyFilters(byId(base), input.Filters, DHCP_OPTIONS_FILTERS, (d) => d.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (d) => d.id, input.MaxResults, input.NextToken);
  return { DhcpOptions: page.map(renderDhcpOptions), ...(nextToken ? { NextToken: nextToken } : {}) };
}
