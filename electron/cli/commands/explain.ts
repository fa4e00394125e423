/** `peerscape explain`: can traffic get from A to B? Each hop checked offline from a snapshot. */
import { parseArgs } from 'node:util';

import type { CheckStatus, ReachabilityExplanation, ReachabilityOptions, TrafficProtocol } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import { assertNever } from '../../../shared/core/result';
import { traceWords } from '../../../shared/words/trace-words';
import type { SecurityGroupId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { resolveExplainEndpoint } from '../explain-endpoints';
import { argumentError, CliInputError, shown } from '../input-error';
import type { CliCommand, CliIo } from '../io';
import { readSnapshot } from '../read-snapshot';
import { terminalText } from '../terminal-text';

/** Exit codes of `explain`. */
export const EXPLAIN_EXIT = {
  reachable: 0,
  unreachable: 1,
  /** Bad input (arguments, snapshot, an endpoint that names nothing): thrown as `CliInputError`. */
  usage: 2,
  /** Nothing failed, but something could not be decided offline (e.g. a prefix list). */
  undetermined: 3,
} as const;

const USAGE = `Usage: peerscape explain --snapshot s.json FROM TO [--protocol tcp|udp|icmp|all] [--port P] [--json]

Explain whether traffic from FROM reaches TO, hop by hop, from a snapshot (nothing is sent):
the peering between their VPCs, the routes both ways in the route tables of their subnets,
security groups out of the source and into the destination, and the network ACLs of both
subnets for the request and for the reply.

  FROM, TO             a VPC id (vpc-…), a subnet id (subnet-…), an instance id (i-…), a
                       network interface id (eni-…), an IP address (10.0.1.5), or the Name
                       tag of one VPC or subnet
  --snapshot FILE      the snapshot to read (from "peerscape scan --out" or the app)
  --protocol P         tcp, udp, icmp or all (default: tcp with --port, else all)
  --port P             destination port, 0-65535, for tcp and udp
  --ipv6               between VPC or subnet ids, check IPv6 instead of IPv4
  --source-sg IDS      the source's security groups (sg-1,sg-2); default: the instance's or
                       interface's own, else any in its VPC
  --dest-sg IDS        the destination's security groups; default as for --source-sg
  --json               the explanation as JSON
  -h, --help           this help

Exit codes: 0 reachable, 1 not reachable, 3 undetermined (e.g. a prefix list or network ACLs
the snapshot does not hold), 2 bad arguments, an unreadable snapshot, or an endpoint the snapshot does not have.
`;

const PROTOCOLS: Readonly<Record<string, TrafficProtocol>> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', all: '-1', '-1': '-1' };

function statusMark(status: CheckStatus): string {
  switch (status) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'FAIL';
    case 'unknown':
      return ' ?? ';
    case 'skipped':
      return 'skip';
    default:
      return assertNever(status);
  }
}

/** The explanation as text, one line per check. */
export function formatExplanation(x: ReachabilityExplanation, from: string, to: string, traffic: string): string {
  const verdict = x.verdict === 'reachable' ? 'REACHABLE' : x.verdict === 'unreachable' ? 'NOT REACHABLE' : 'UNDETERMINED';
  // Labels, messages and fixes quote names and tags from the snapshot: each line is shown through terminalText.
  // The way the source's routes take: the transit gateways they cross, else the peering.
  const via = x.transitGatewayIds && x.transitGatewayIds.length > 0 ? x.transitGatewayIds.join(' → ') : x.peeringId;
  const lines = [terminalText(`${from} → ${to} (${traffic}): ${verdict}${via ? ` via ${via}` : ''}`), ''];
  const width = Math.max(...x.checks.map((c) => c.kind.length));
  for (const c of x.checks) {
    lines.push(terminalText(`  [${statusMark(c.status)}] ${c.kind.padEnd(width)}  ${c.message}`));
    if (c.status !== 'pass' && c.fix) lines.push(terminalText(`  ${' '.repeat(7 + width)}  fix: ${c.fix}`));
    for (const trace of c.traces ?? []) lines.push(terminalText(`  ${' '.repeat(7 + width)}  path ${traceWords(trace)}`));
  }
  if (x.notes.length > 0) lines.push('', ...x.notes.map((n) => terminalText(`Note: ${n}`)));
  return `${lines.join('\n')}\n`;
}

function splitIds(text: string | undefined): SecurityGroupId[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0) as SecurityGroupId[];
}

/** `ids` when every one is a security group of the snapshot; a `CliInputError` naming the others. */
function knownGroups(topology: Topology, flag: string, ids: SecurityGroupId[] | undefined): SecurityGroupId[] | undefined {
  if (ids === undefined) return undefined;
  if (ids.length === 0) throw new CliInputError(`${flag} needs security group ids, e.g. ${flag} sg-0a1b2c3d.`);
  const known = new Set<string>(topology.securityGroups.map((g) => g.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new CliInputError(`${flag} names ${unknown.length === 1 ? 'a security group' : 'security groups'} the snapshot does not have: ${unknown.map((id) => shown(id, 40)).join(', ')}.`, 'Check the ids, or scan the account and region that own them.');
  }
  return ids;
}

/** The flags `explain` takes (parseArgs' table; an unknown flag is matched against it for a suggestion). */
const EXPLAIN_OPTIONS = {
  snapshot: { type: 'string', short: 's' },
  protocol: { type: 'string' },
  port: { type: 'string', short: 'p' },
  ipv6: { type: 'boolean' },
  'source-sg': { type: 'string' },
  'dest-sg': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `peerscape explain` with the arguments after the command name. */
export async function runExplain(argv: readonly string[], io: CliIo): Promise<number> {
  type Values = { snapshot?: string; protocol?: string; port?: string; ipv6?: boolean; 'source-sg'?: string; 'dest-sg'?: string; json?: boolean; help?: boolean };
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: EXPLAIN_OPTIONS,
      strict: true,
      allowPositionals: true,
    }));
  } catch (e) {
    throw argumentError(e, EXPLAIN_OPTIONS);
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return EXPLAIN_EXIT.reachable;
  }
  if (!values.snapshot) throw new CliInputError('--snapshot FILE is required.');
  if (positionals.length !== 2) throw new CliInputError(`give exactly two endpoints, FROM and TO (got ${positionals.length}${positionals.length ? `: ${positionals.map((p) => shown(p, 40)).join(' ')}` : ''}).`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new CliInputError(`--port must be a whole number from 0 to 65535, not "${shown(values.port)}".`);
  }
  const protocolText = (values.protocol ?? (port !== undefined ? 'tcp' : 'all')).toLowerCase();
  const protocol = PROTOCOLS[protocolText];
  if (!protocol) throw new CliInputError(`--protocol must be tcp, udp, icmp or all, not "${shown(values.protocol ?? '')}".`);
  if (port !== undefined && protocol !== 'tcp' && protocol !== 'udp') throw new CliInputError(`--port applies to tcp and udp only, not ${protocolText}.`);

  const snapshot = await readSnapshot(values.snapshot, io);
  const from = resolveExplainEndpoint(snapshot.topology, positionals[0]!, 'FROM');
  const to = resolveExplainEndpoint(snapshot.topology, positionals[1]!, 'TO');
  const sourceSecurityGroupIds = knownGroups(snapshot.topology, '--source-sg', splitIds(values['source-sg']));
  const destinationSecurityGroupIds = knownGroups(snapshot.topology, '--dest-sg', splitIds(values['dest-sg']));
  const opts: ReachabilityOptions = {
    protocol,
    ...(port !== undefined ? { port } : {}),
    ...(values.ipv6 ? { family: 'ipv6' as const } : {}),
    ...(sourceSecurityGroupIds ? { sourceSecurityGroupIds } : {}),
    ...(destinationSecurityGroupIds ? { destinationSecurityGroupIds } : {}),
    coverage: snapshot.coverage,
  };
  const x = explainReachability(snapshot.topology, from.value, to.value, opts);
  const traffic = protocol === '-1' ? 'any traffic' : port !== undefined ? `${protocol}/${port}` : protocol;
  io.stdout.write(values.json ? `${JSON.stringify(x, null, 2)}\n` : formatExplanation(x, from.label, to.label, traffic));
  switch (x.verdict) {
    case 'reachable':
      return EXPLAIN_EXIT.reachable;
    case 'unreachable':
      return EXPLAIN_EXIT.unreachable;
    case 'undetermined':
      return EXPLAIN_EXIT.undetermined;
    default:
      return assertNever(x.verdict);
  }
}

/** The command commands/index.ts loads. */
export const explainCommand: CliCommand = {
  usage: USAGE,
  run: runExplain,
};
