/** The VPCs table: one row per VPC, scanned or known only through a peering. */
import { findAccount, vpcCidrs, vpcTitle } from '../labels';
import { ouPathLabel } from '../../diagram/names';
import type { Account } from '../../model/topology';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'account' | 'accountName' | 'accountAlias' | 'accountOu' | 'region' | 'name' | 'vpcId' | 'primaryCidr' | 'secondaryCidrs' | 'ipv6Cidrs' | 'scanned';

/** The account's OU path (`Root` for the root), or nothing when no organisation scan read it. */
const ouOf = (account: Account | undefined): string => (account?.ouPath !== undefined ? ouPathLabel(account.ouPath) : '');

export const vpcs: InventoryKind<Key> = {
  label: 'VPCs',
  csvSuffix: 'vpcs',
  markdown: { heading: md`VPCs`, empty: 'No VPCs.', code: ['vpcId', 'primaryCidr', 'secondaryCidrs', 'ipv6Cidrs'] },
  columns: [
    { key: 'account', title: 'Account' },
    { key: 'accountName', title: 'Account name' },
    { key: 'accountAlias', title: 'Account alias' },
    { key: 'accountOu', title: 'Account OU' },
    { key: 'region', title: 'Region' },
    { key: 'name', title: 'Name' },
    { key: 'vpcId', title: 'VPC id' },
    { key: 'primaryCidr', title: 'Primary CIDR' },
    { key: 'secondaryCidrs', title: 'Secondary CIDRs' },
    { key: 'ipv6Cidrs', title: 'IPv6 CIDRs' },
    { key: 'scanned', title: 'Scanned' },
  ],
  rows: ({ doc }) =>
    doc.topology.vpcs.map((v) => {
      const cidrs = vpcCidrs(v);
      const primary = v.cidrBlocks.find((b) => b.family === 'ipv4' && b.primary)?.cidr ?? cidrs[0] ?? '';
      return {
        account: v.accountId,
        accountName: findAccount(doc, v.accountId)?.name ?? '',
        accountAlias: findAccount(doc, v.accountId)?.alias ?? '',
        accountOu: ouOf(findAccount(doc, v.accountId)),
        region: v.region,
        name: doc.externalVpcIds.has(v.id) ? '' : vpcTitle(v) === v.id ? '' : vpcTitle(v),
        vpcId: v.id,
        primaryCidr: primary,
        secondaryCidrs: cidrs.filter((c) => c !== primary && !c.includes(':')).join(' '),
        ipv6Cidrs: cidrs.filter((c) => c.includes(':')).join(' '),
        scanned: doc.externalVpcIds.has(v.id) ? 'no' : 'yes',
      };
    }),
};
