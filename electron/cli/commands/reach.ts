/** `peerscape reach`: for one kind of traffic, every VPC a VPC (or an account) can reach and every connected one it cannot, with why; or the account × account roll-up. */
import { parseArgs } from 'node:util';

import type { ReachRollUp, ReachRow, ReachSource } from '../../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow, entryReasonWords, parseReachTraffic, REASON_LABELS, trafficWords } from '../../../shared/analysis/estate-reach';
import { reachRollUpCsv, reachRollUpMarkdown, reachRowCsv, reachRowMarkdown } from '../../../shared/export/estate-reach';
import type { AccountId, VpcId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { formatTable, plural } from '../format-table';
import { argumentError, CliInputError, shown } from '../input-error';
import type { CliCommand, CliIo } from '../io';
import { didYouMean } from '../nearest-names';
import { readSnapshot } from '../read-snapshot';
import { terminalText } from '../terminal-text';

/** Exit codes of `reach`. */
export const REACH_EXIT = {
  ok: 0,
  /** Bad input: thrown as `CliInputError`. */
  usage: 2,
} as const;

const USAGE = `Usage: peerscape reach --snapshot s.json --port P [--protocol tcp|udp|icmp|all]
                      (--from VPC | --account ID | --matrix) [--format text|csv|md|json] [--limit N]

For one kind of traffic, from a snapshot (nothing is sent): every VPC connected to the source by
peerings (directly or through other VPCs) or through transit gateways (one gateway, or gateways
joined by gateway peerings), and whether the traffic reaches it; when it does not, the first
thing that blocks it (peering not active, not transitive through another VPC, no route, a route
to the wrong target, a blackhole route, a security group, a network ACL, or the first blocking
gateway component: attachment not available, not associated, no gateway route, a blackhole
gateway route, routing unknown). With --matrix, the counts of reachable and blocked VPC pairs for
every pair of accounts, with the commonest reason.

  --snapshot FILE   the snapshot to read (from "peerscape scan --out" or the app)
  --port P          destination port, 0-65535 (tcp and udp)
  --protocol P      tcp, udp, icmp or all (default: tcp with --port, else all)
  --from VPC        the source VPC: its id (vpc-…) or Name tag
  --account ID      every VPC of this account as the source (VPCs outside it are listed)
  --matrix          the account × account roll-up of the whole snapshot
  --format F        text (default), csv, md (Markdown) or json
  --limit N         rows in the text output (default 50; 0 for all)
  -h, --help        this help

Exit codes: 0 done, 2 bad arguments, an unreadable snapshot, or a source the snapshot does not have.
`;

const FORMATS = ['text', 'csv', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The flags `reach` takes (parseArgs' table; an unknown flag is matched against it for a suggestion). */
const REACH_OPTIONS = {
  snapshot: { type: 'string', short: 's' },
  port: { type: 'string', short: 'p' },
  protocol: { type: 'string' },
  from: { type: 'string' },
  account: { type: 'string' },
  matrix: { type: 'boolean' },
  format: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The source VPC named by id or by the Name tag of exactly one VPC. */
function resolveVpc(topology: Topology, text: string): VpcId {
  const byId = topology.vpcs.find((v) => v.id === text);
  if (byId) return byId.id;
  const named = topology.vpcs.filter((v) => v.name === text);
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new CliInputError(`--from ${shown(text, 40)} is the name of ${named.length} VPCs (${named.slice(0, 4).map((v) => v.id).join(', ')}).`, 'Give the VPC id instead.');
  const known = topology.peerings.some((p) => p.requester.vpcId === text || p.accepter.vpcId === text);
  if (known) return text as VpcId;
  const hint = didYouMean(text, topology.vpcs.flatMap((v) => (v.name ? [v.id, v.name] : [v.id])));
  throw new CliInputError(`--from ${shown(text, 40)} names no VPC of the snapshot${hint || '.'}`, 'Give a VPC id (vpc-…) or the Name tag of one VPC.');
}

function limited<T>(rows: readonly T[], limit: number): { rows: readonly T[]; more: string } {
  if (limit <= 0 || rows.length <= limit) return { rows, more: '' };
  return { rows: rows.slice(0, limit), more: `\n  … and ${(rows.length - limit).toLocaleString('en-US')} more (use --limit 0, or --format csv for all)` };
}

/** A row as text: the counts, then one line per connected VPC. */
export function formatReachRow(row: ReachRow, limit: number): string {
  const source = row.source.kind === 'vpc' ? row.source.vpcId : `account ${row.source.accountId} (${plural(row.fromVpcIds.length, 'VPC')})`;
  const head = terminalText(
    `${trafficWords(row.traffic)} from ${source}: ${plural(row.entries.length, 'connected VPC')}, ${row.reachable.toLocaleString('en-US')} reachable, ${row.blocked.toLocaleString('en-US')} blocked, ${row.undetermined.toLocaleString('en-US')} undetermined.`,
  );
  if (row.entries.length === 0) return `${head}\n  No VPC is connected to it by a live peering.\n`;
  const { rows, more } = limited(row.entries, limit);
  const table = formatTable(
    ['VPC', 'Account', 'Verdict', 'Reason', 'Why'],
    rows.map((e) => [e.to, e.toAccountId, e.verdict, entryReasonWords(e), e.message]),
  );
  return `${head}\n\n${table}${more}\n`;
}

/** The roll-up as text: one line per account pair with connected VPCs. */
export function formatReachRollUp(roll: ReachRollUp, limit: number): string {
  const head = `${trafficWords(roll.traffic)}, account × account: ${plural(roll.accountIds.length, 'account')}, ${roll.reachable.toLocaleString('en-US')} reachable, ${roll.blocked.toLocaleString('en-US')} blocked, ${roll.undetermined.toLocaleString('en-US')} undetermined VPC pairs.`;
  if (roll.cells.length === 0) return `${head}\n  No two VPCs are connected by a live peering.\n`;
  const { rows, more } = limited(roll.cells, limit);
  const table = formatTable(
    ['From account', 'To account', 'Reachable', 'Blocked', 'Undetermined', 'Commonest reason'],
    rows.map((c) => [c.fromAccountId, c.toAccountId, String(c.reachable), String(c.blocked), String(c.undetermined), c.commonestReason ? REASON_LABELS[c.commonestReason] : '']),
  );
  return `${head}\n\n${table}${more}\n`;
}

/** Run `peerscape reach` with the arguments after the command name. */
export async function runReach(argv: readonly string[], io: CliIo): Promise<number> {
  type Values = { snapshot?: string; port?: string; protocol?: string; from?: string; account?: string; matrix?: boolean; format?: string; limit?: string; help?: boolean };
  let values: Values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: REACH_OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw argumentError(e, REACH_OPTIONS);
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return REACH_EXIT.ok;
  }
  if (!values.snapshot) throw new CliInputError('--snapshot FILE is required.');
  const sources = [values.from !== undefined, values.account !== undefined, values.matrix === true].filter(Boolean).length;
  if (sources !== 1) throw new CliInputError(sources === 0 ? 'say where from: --from VPC, --account ID, or --matrix for every account.' : 'give only one of --from, --account and --matrix.');
  const traffic = parseReachTraffic(values.protocol, values.port);
  if (!traffic.ok) throw new CliInputError(traffic.error.message.replace(/^The port/, '--port').replace(/^The protocol/, '--protocol'), traffic.error.fix);
  const format = (values.format ?? 'text').toLowerCase() as Format;
  if (!FORMATS.includes(format)) throw new CliInputError(`--format must be text, csv, md or json, not "${shown(values.format ?? '', 40)}".`);
  if (!/^\d+$/.test(values.limit ?? '0')) throw new CliInputError(`--limit must be a whole number of rows (0 for all), not "${shown(values.limit ?? '')}".`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) throw new CliInputError(`--account must be a 12-digit AWS account id, not "${shown(values.account, 40)}".`);

  const snapshot = await readSnapshot(values.snapshot, io);
  const topology = snapshot.topology;
  if (values.matrix) {
    const roll = computeReachRollUp(topology, traffic.value);
    io.stdout.write(format === 'csv' ? reachRollUpCsv(roll) : format === 'md' ? reachRollUpMarkdown(roll) : format === 'json' ? `${JSON.stringify(roll, null, 2)}\n` : formatReachRollUp(roll, limit));
    return REACH_EXIT.ok;
  }
  const source: ReachSource = values.from !== undefined ? { kind: 'vpc', vpcId: resolveVpc(topology, values.from) } : { kind: 'account', accountId: values.account as AccountId };
  const row = computeReachRow(topology, source, traffic.value);
  if (!row.ok) throw new CliInputError(row.error.message, row.error.fix);
  io.stdout.write(
    format === 'csv' ? reachRowCsv(row.value, topology) : format === 'md' ? reachRowMarkdown(row.value, topology) : format === 'json' ? `${JSON.stringify(row.value, null, 2)}\n` : formatReachRow(row.value, limit),
  );
  return REACH_EXIT.ok;
}

/** The command commands/index.ts loads. */
export const reachCommand: CliCommand = {
  usage: USAGE,
  run: runReach,
};
