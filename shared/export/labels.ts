/** Words every exporter uses for the same things, so a diagram and its inventory agree. */
import type { RouteSummary } from '../analysis/route-completeness';
import { describeRouteSummary } from '../analysis/route-words';
import { accountName } from '../diagram/names';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { Account, PeeringSide, Vpc } from '../model/topology';
import type { ExportDocument } from './export-document';
import type { PeeringRouteState } from '../diagram/style';

/** A VPC's display name: its Name tag, else its id. */
export function vpcTitle(vpc: Pick<Vpc, 'id' | 'name'>): string {
  return vpc.name?.trim() || vpc.id;
}

/** The blocks a VPC holds, primary first, then secondary IPv4, then IPv6. */
export function vpcCidrs(vpc: Pick<Vpc, 'cidrBlocks'>): readonly string[] {
  const held = vpc.cidrBlocks.filter((b) => isHeldBlockState(b.state));
  return [
    ...held.filter((b) => b.family === 'ipv4' && b.primary),
    ...held.filter((b) => b.family === 'ipv4' && !b.primary),
    ...held.filter((b) => b.family === 'ipv6'),
  ].map((b) => b.cidr);
}

/** `name (id)` or the id: the account's name as the diagram gives it (`accountName`: its Organizations name, else its alias, else its profile). */
export function accountLabel(account: Pick<Account, 'name' | 'alias' | 'profiles'> | undefined, id: string): string {
  const name = accountName(account);
  return name ? `${name} (${id})` : id;
}

/** The document's account record for an id, if the snapshot has one. */
export function findAccount(doc: ExportDocument, id: string): Account | undefined {
  return doc.topology.accounts.find((a) => a.id === id);
}

/** Words for one side's route summary. */
export function routeSummaryWords(summary: RouteSummary | undefined): string {
  switch (summary) {
    case undefined:
      return 'n/a';
    default:
      return describeRouteSummary(summary);
  }
}

/** Words for a peering's combined route state. */
export function routeStateWords(state: PeeringRouteState): string {
  return state === 'not-applicable' ? 'n/a' : state === 'nothing-to-route' ? 'nothing to route' : state;
}

/** `on`, `off` or `n/a` (AWS reports peering options only for active peerings). */
export function dnsWords(side: Pick<PeeringSide, 'allowDnsResolutionFromRemoteVpc'>): string {
  const v = side.allowDnsResolutionFromRemoteVpc;
  return v === undefined ? 'n/a' : v ? 'on' : 'off';
}

/** `2025-06-02 09:30 UTC` from an ISO time (the text itself when it is not one). */
export function formatTakenAt(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** A short stable hash of `s` (FNV-1a, 8 hex digits), for ids made from free text. */
export function stableHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A file name for an export: `peerscape-<source>-<yyyymmdd-hhmm>.<extension>`. */
export function exportFileName(doc: Pick<ExportDocument, 'title' | 'takenAt'>, extension: string): string {
  const slug = doc.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'topology';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(doc.takenAt);
  const stamp = m ? `-${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}` : '';
  return `peerscape-${slug}${stamp}.${extension}`;
}
