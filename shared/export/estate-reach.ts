/** The estate reach view as CSV and Markdown: a row (one source's connected VPCs) and the account × account roll-up.
 *
 * Each is one `InventoryTable`, written by the same CSV writer (`toCsv`) and Markdown table
 * writer (`markdownTable`) as the inventory, so quoting, formula neutralising and escaping are
 * the inventory's own.
 */
import type { ReachRollUp, ReachRow } from '../analysis/estate-reach';
import { REACH_REASONS, REASON_LABELS, trafficWords } from '../analysis/estate-reach';
import { accountAwsNames, ouPathLabel } from '../diagram/names';
import type { Topology } from '../model/topology';
import { toCsv } from './csv';
import { accountLabel } from './labels';
import type { InventoryTable } from './inventory';
import { markdownTable } from './markdown';
import { md, mdCodeCell, mdJoin, mdText } from './syntax/markdown';

type RowKey = 'to' | 'name' | 'account' | 'accountName' | 'accountOu' | 'verdict' | 'reason' | 'from' | 'peering' | 'through' | 'detail' | 'fix';
type CellKey = 'from' | 'to' | 'reachable' | 'blocked' | 'undetermined' | 'commonest' | (typeof REACH_REASONS)[number];

function sourceWords(row: ReachRow, topology: Topology): string {
  const source = row.source;
  if (source.kind === 'vpc') return source.vpcId;
  return `account ${accountLabel(topology.accounts.find((a) => a.id === source.accountId), source.accountId)}`;
}

/** A row as a table: one line per connected VPC, reachable first. */
export function reachRowTable(row: ReachRow, topology: Topology): InventoryTable<RowKey> {
  const names = new Map(topology.vpcs.map((v) => [v.id, v.name ?? '']));
  const accountNames = new Map(topology.accounts.map((a) => [a.id as string, accountAwsNames(a)[0] ?? '']));
  const accountOus = new Map(topology.accounts.map((a) => [a.id as string, a.ouPath !== undefined ? ouPathLabel(a.ouPath) : '']));
  return {
    columns: [
      { key: 'to', title: 'VPC' },
      { key: 'name', title: 'Name' },
      { key: 'account', title: 'Account' },
      { key: 'accountName', title: 'Account name' },
      { key: 'accountOu', title: 'Account OU' },
      { key: 'verdict', title: 'Verdict' },
      { key: 'reason', title: 'Reason' },
      { key: 'from', title: 'From' },
      { key: 'peering', title: 'Peering' },
      { key: 'through', title: 'Through' },
      { key: 'detail', title: 'Detail' },
      { key: 'fix', title: 'Fix' },
    ],
    rows: row.entries.map((e) => ({
      to: e.to,
      name: names.get(e.to) ?? '',
      account: e.toAccountId,
      accountName: accountNames.get(e.toAccountId) ?? '',
      accountOu: accountOus.get(e.toAccountId) ?? '',
      verdict: e.verdict,
      reason: e.reason ? REASON_LABELS[e.reason] : '',
      from: e.from,
      peering: e.peeringId ?? '',
      through: e.through ?? '',
      detail: e.message,
      fix: e.fix ?? '',
    })),
  };
}

/** The roll-up as a table: one line per account pair with connected VPCs, with counts per reason. */
export function reachRollUpTable(roll: ReachRollUp): InventoryTable<CellKey> {
  return {
    columns: [
      { key: 'from', title: 'From account' },
      { key: 'to', title: 'To account' },
      { key: 'reachable', title: 'Reachable' },
      { key: 'blocked', title: 'Blocked' },
      { key: 'undetermined', title: 'Undetermined' },
      { key: 'commonest', title: 'Commonest reason' },
      ...REACH_REASONS.map((r) => ({ key: r, title: REASON_LABELS[r].replace(/^./, (c) => c.toUpperCase()) })),
    ],
    rows: roll.cells.map((c) => ({
      from: c.fromAccountId,
      to: c.toAccountId,
      reachable: String(c.reachable),
      blocked: String(c.blocked),
      undetermined: String(c.undetermined),
      commonest: c.commonestReason ? REASON_LABELS[c.commonestReason] : '',
      ...(Object.fromEntries(REACH_REASONS.map((r) => [r, String(c.reasons[r])])) as Record<(typeof REACH_REASONS)[number], string>),
    })),
  };
}

/** A row as CSV. */
export function reachRowCsv(row: ReachRow, topology: Topology): string {
  return toCsv(reachRowTable(row, topology));
}

/** The roll-up as CSV. */
export function reachRollUpCsv(roll: ReachRollUp): string {
  return toCsv(reachRollUpTable(roll));
}

/** A row as a Markdown report: what was asked, the counts, and the table. */
export function reachRowMarkdown(row: ReachRow, topology: Topology): string {
  return mdJoin(
    [
      md`# Reach of ${mdText(trafficWords(row.traffic))} from ${mdText(sourceWords(row, topology))}`,
      md``,
      md`- **From:** ${mdJoin(row.fromVpcIds.map(mdCodeCell), md`, `)}`,
      md`- **Connected VPCs:** ${row.entries.length}: ${row.reachable} reachable, ${row.blocked} blocked, ${row.undetermined} undetermined`,
      md``,
      markdownTable(reachRowTable(row, topology), 'No VPC is connected to it by a live peering.', ['to', 'account', 'from', 'peering', 'through']),
    ],
    md`\n`,
  );
}

/** The roll-up as a Markdown report. */
export function reachRollUpMarkdown(roll: ReachRollUp): string {
  return mdJoin(
    [
      md`# Reach of ${mdText(trafficWords(roll.traffic))}, account × account`,
      md``,
      md`- **Accounts:** ${roll.accountIds.length}`,
      md`- **Connected VPC pairs:** ${roll.reachable + roll.blocked + roll.undetermined}: ${roll.reachable} reachable, ${roll.blocked} blocked, ${roll.undetermined} undetermined`,
      md``,
      markdownTable(reachRollUpTable(roll), 'No two VPCs are connected by a live peering.', ['from', 'to']),
    ],
    md`\n`,
  );
}
