import { describe, expect, it } from 'vitest';

import { computeReachRollUp, computeReachRow } from '../../../shared/analysis/estate-reach';
import { reachRollUpCsv, reachRollUpMarkdown, reachRowCsv, reachRowMarkdown } from '../../../shared/export/estate-reach';
import type { Topology } from '../../../shared/model/topology';
import { readCsvStrict } from '../../support/csv-reader';
import { ACCOUNT_A, ACCOUNT_C, buildReachEstate } from '../../support/fixtures/reach-estate';

const HTTPS = { protocol: 'tcp', port: 443 } as const;

function hubRow(t: Topology) {
  const r = computeReachRow(t, { kind: 'vpc', vpcId: 'vpc-hub' }, HTTPS);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('estate reach exports', () => {
  const t = buildReachEstate();

  it('writes a row as CSV: a header, then one line per connected VPC with its reason and detail', () => {
    const rows = readCsvStrict(reachRowCsv(hubRow(t), t));
    expect(rows[0]).toEqual(['VPC', 'Name', 'Account', 'Account name', 'Account OU', 'Verdict', 'Reason', 'From', 'Peering', 'Through', 'Detail', 'Fix']);
    expect(rows).toHaveLength(1 + 10);
    const far = rows.find((r) => r[0] === 'vpc-far')!;
    expect(far.slice(0, 10)).toEqual(['vpc-far', 'far', ACCOUNT_A, '', '', 'blocked', 'not transitive', 'vpc-hub', '', 'vpc-ok']);
    expect(rows.find((r) => r[0] === 'vpc-wrong')!.slice(5, 7)).toEqual(['blocked', 'route to wrong target']);
    expect(rows.find((r) => r[0] === 'vpc-acl')!.slice(5, 7)).toEqual(['blocked', 'network ACL']);
    expect(rows[1]!.slice(0, 6)).toEqual(['vpc-ok', 'ok', '222222222222', '', '', 'reachable']);
  });

  it("names accounts by their Organizations name (else alias) and OU: columns in the row, the name in the source's heading", () => {
    const named = { ...t, accounts: t.accounts.map((a) => (a.id === ACCOUNT_A ? { ...a, name: 'Network', ouPath: 'Infrastructure/Network' } : a)) };
    const rows = readCsvStrict(reachRowCsv(hubRow(named), named));
    expect(rows.find((r) => r[0] === 'vpc-far')!.slice(2, 5)).toEqual([ACCOUNT_A, 'Network', 'Infrastructure/Network']);
    const fromAccount = computeReachRow(named, { kind: 'account', accountId: ACCOUNT_A }, HTTPS);
    if (!fromAccount.ok) throw new Error(fromAccount.error.message);
    expect(reachRowMarkdown(fromAccount.value, named)).toContain(`# Reach of tcp/443 from account Network (${ACCOUNT_A})`);
  });

  it('neutralises a formula in a VPC name', () => {
    const hostile = { ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-ok' ? { ...v, name: '=HYPERLINK("x")' } : v)) };
    const rows = readCsvStrict(reachRowCsv(hubRow(hostile), hostile));
    expect(rows[1]![1]).not.toMatch(/^=/);
  });

  it('writes the roll-up as CSV with counts per reason', () => {
    const rows = readCsvStrict(reachRollUpCsv(computeReachRollUp(t, HTTPS)));
    expect(rows[0]).toEqual([
      'From account',
      'To account',
      'Reachable',
      'Blocked',
      'Undetermined',
      'Commonest reason',
      'Not transitive',
      'Peering not active',
      'No route',
      'Route to wrong target',
      'Blackhole route',
      'Transit gateway',
      'Network ACL',
      'Security group',
    ]);
    expect(rows.find((r) => r[0] === ACCOUNT_A && r[1] === ACCOUNT_C)).toEqual([ACCOUNT_A, ACCOUNT_C, '0', '8', '0', 'not transitive', '4', '1', '1', '1', '1', '0', '0', '0']);
  });

  it('writes a row and the roll-up as Markdown reports with pipe tables', () => {
    const row = reachRowMarkdown(hubRow(t), t);
    expect(row).toContain('# Reach of tcp/443 from vpc-hub');
    expect(row).toContain('- **Connected VPCs:** 10: 1 reachable, 9 blocked, 0 undetermined');
    expect(row).toContain('| VPC | Name | Account | Account name | Account OU | Verdict | Reason | From | Peering | Through | Detail | Fix |');
    expect(row).toMatch(/\| `vpc-far` \| far \| `111111111111` \| — \| — \| blocked \| not transitive \| `vpc-hub` \| — \| `vpc-ok` \|/);
    const roll = reachRollUpMarkdown(computeReachRollUp(t, HTTPS));
    expect(roll).toContain('# Reach of tcp/443, account × account');
    expect(roll).toContain(`| \`${ACCOUNT_A}\` | \`${ACCOUNT_C}\` | 0 | 8 | 0 | not transitive | 4 | 1 | 1 | 1 | 1 | 0 | 0 |`);
  });
});
