/** A plan as AWS CLI v2 commands a user can read, paste, or hand to the other account's owner.
 *
 * Flags come from the EC2 parameter names (the CLI kebab-cases them: `PeerVpcId` →
 * `--peer-vpc-id`); structures are passed as JSON, which every CLI structure flag accepts. The
 * new peering's id is captured from the create command with `--query` into `$PCX_ID`, and every
 * later command uses it. Debian's CLI 2.9 ignores `endpoint_url` in profiles (TOOLCHAIN.md), so
 * commands for profiles with a custom endpoint (sandbox, moto) carry `--endpoint-url`.
 */
import type { ParamValue, PeeringPlan, PlanStep } from './plan-types';
import { PEERING_ID_REF } from './plan-types';

/** The shell variable holding the peering id. */
export const PEERING_ID_VAR = 'PCX_ID';

/** One command of the export. */
export interface CliCommand {
  /** The plan step it performs (`''` for the line that sets `$PCX_ID` of an existing peering). */
  readonly stepId: string;
  /** `# …` line: what it does, and who runs it. */
  readonly comment: string;
  readonly command: string;
}

/** A plan as AWS CLI commands and as one script (what `getPlanCli` returns). */
export interface PlanCli {
  readonly commands: readonly CliCommand[];
  readonly script: string;
}

/** Options of the export. */
export interface PlanCliOptions {
  /** Endpoint per profile (sandbox, moto, LocalStack); adds `--endpoint-url`. */
  readonly endpointUrls?: Readonly<Record<string, string>>;
  /** Include unticked steps too (default: only enabled ones). */
  readonly includeDisabled?: boolean;
  /** Use this id instead of `$PCX_ID` (handoff to the other side once the id is known). */
  readonly peeringId?: string;
}

const SAFE = /^[A-Za-z0-9_./:=@,+%-]+$/;

/** Quote a literal for a POSIX shell (single quotes; embedded ones closed and escaped). */
export function shellQuote(text: string): string {
  if (text !== '' && SAFE.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Quote a value that may contain `PEERING_ID_REF`, expanding it to the variable (or a fixed id). */
function quoteWithRef(text: string, peeringId: string | undefined): string {
  if (peeringId) return shellQuote(text.split(PEERING_ID_REF).join(peeringId));
  const parts = text.split(PEERING_ID_REF);
  if (parts.length === 1) return shellQuote(text);
  return parts.map((p, i) => (p === '' ? '' : shellQuote(p)) + (i < parts.length - 1 ? `"$${PEERING_ID_VAR}"` : '')).join('');
}

/** `CreateVpcPeeringConnection` → `create-vpc-peering-connection`; `DestinationIpv6CidrBlock` → `destination-ipv6-cidr-block`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

function flag(name: string, value: ParamValue, peeringId: string | undefined): string {
  const f = `--${kebabCase(name)}`;
  if (typeof value === 'boolean') return value ? f : `--no-${kebabCase(name)}`;
  if (typeof value === 'number') return `${f} ${value}`;
  if (typeof value === 'string') return `${f} ${quoteWithRef(value, peeringId)}`;
  return `${f} ${quoteWithRef(JSON.stringify(value), peeringId)}`;
}

/** The CLI command of one step (without the `PCX_ID=$(…)` capture). */
export function stepToCliCommand(step: PlanStep, opts: { readonly endpointUrl?: string; readonly peeringId?: string } = {}): string {
  const parts = ['aws', 'ec2', kebabCase(step.action)];
  for (const [k, v] of Object.entries(step.params)) parts.push(flag(k, v, opts.peeringId));
  if (step.profile) parts.push(`--profile ${shellQuote(step.profile)}`);
  parts.push(`--region ${shellQuote(step.region)}`);
  if (opts.endpointUrl) parts.push(`--endpoint-url ${shellQuote(opts.endpointUrl)}`);
  return parts.join(' ');
}

function commentFor(n: number, step: PlanStep): string {
  const who = step.profile ? `profile ${step.profile}` : `account ${step.accountId}'s owner (no local profile)`;
  return `# ${n}. ${step.title} [${who}, ${step.region}]`;
}

/** The plan's enabled steps as AWS CLI commands, in order. */
export function planToCliCommands(plan: PeeringPlan, opts: PlanCliOptions = {}): readonly CliCommand[] {
  const steps = plan.steps.filter((s) => s.enabled || opts.includeDisabled);
  const fixedId = opts.peeringId ?? plan.peeringId;
  const out: CliCommand[] = [];
  const createRuns = steps.some((s) => s.kind === 'create');
  const usesRef = steps.some((s) => JSON.stringify(s.params).includes(PEERING_ID_REF));
  if (!createRuns && usesRef && !fixedId) {
    out.push({ stepId: '', comment: '# The id of the existing peering (the create step is unticked)', command: `${PEERING_ID_VAR}=pcx-REPLACE-ME` });
  }
  steps.forEach((step, i) => {
    const endpointUrl = step.profile ? opts.endpointUrls?.[step.profile] : undefined;
    const base = stepToCliCommand(step, { ...(endpointUrl ? { endpointUrl } : {}), ...(fixedId ? { peeringId: fixedId } : {}) });
    const command =
      step.kind === 'create' && !fixedId
        ? `${PEERING_ID_VAR}=$(${base} --query VpcPeeringConnection.VpcPeeringConnectionId --output text)`
        : base;
    out.push({ stepId: step.id, comment: commentFor(i + 1, step), command });
  });
  return out;
}

/** The commands as one POSIX shell script (stops at the first failing command). */
export function planToCliScript(plan: PeeringPlan, opts: PlanCliOptions = {}): string {
  const lines = ['#!/bin/sh', `# ${plan.title}`, '# Generated by Peerscape. Stops at the first failing command (set -e).', 'set -e', ''];
  for (const c of planToCliCommands(plan, opts)) lines.push(c.comment, c.command, '');
  return lines.join('\n');
}
