/** `peerscape scan`: discover every VPC, peering and route of the chosen profiles and regions into a snapshot file.
 *
 * For scripts and CI: the snapshot goes to `--out` (or stdout), a progress line to stderr when
 * it is a terminal, and the exit code says whether anything failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DiscoveryProgress } from '../../../shared/api/events';
import { assertNever } from '../../../shared/core/result';
import { missingCoverage, type Snapshot } from '../../../shared/model/snapshot';
import type { DiscoveryLimits } from '../../discovery/run-discovery';
import { DEFAULT_SCAN_THREADS } from '../../discovery/scan-pool';
import { asSentence, CliInputError, shown, unknownFlagError } from '../input-error';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { accountLines, organizationProgressLine, progressLine } from '../scan-progress';
import { terminalText } from '../terminal-text';

/** Exit codes of `scan`. */
export const SCAN_EXIT = {
  /** Every profile and region loaded. */
  ok: 0,
  /** The snapshot was written but some cells failed (see stderr and the snapshot's coverage). */
  partial: 1,
  /** Bad input (arguments, profiles, regions, `--out`): thrown as `CliInputError`, nothing was scanned. */
  usage: 2,
  /** Interrupted (Ctrl-C): whatever finished was written, the rest is marked cancelled. */
  cancelled: 130,
} as const;

/** A writable text stream (process.stdout/stderr or a test buffer). */
export interface TextOut {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** What a CLI command gets from its host instead of reaching for `process`. */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly homeDir?: string;
  /** Aborted on Ctrl-C; when absent the command listens for SIGINT itself. */
  readonly signal?: AbortSignal;
  now?(): Date;
}

/** Parsed `scan` arguments. */
export interface ScanArgs {
  readonly profiles: readonly string[];
  readonly regions: readonly string[];
  readonly sandbox?: string;
  /** `--organization`: scan the organisation the one `--profile` signs in to. */
  readonly organization?: {
    readonly roleName?: string;
    readonly externalId?: string;
    readonly ous: readonly string[];
    readonly allowOrganizationAccountAccessRole: boolean;
  };
  readonly out?: string;
  readonly concurrency?: number;
  readonly help: boolean;
}

const USAGE = `Usage: peerscape scan [--profile P]... [--region R]... [--sandbox demo] [--out snapshot.json]
       peerscape scan --organization --profile P [--role NAME] [--external-id X] [--ou ID]...
                      [--allow-organization-account-access-role] [--region R]... [--out snapshot.json]

Scan AWS for VPCs, CIDR blocks, subnets, route tables, security groups and peerings.

  --profile P      scan this profile (repeat, or P1,P2); default: every profile with credentials
  --region R       scan this region (repeat, or R1,R2); default: each account's enabled regions
  --sandbox NAME   start the sandbox cloud with scenario NAME (demo) in-process and scan it
  --out FILE       write the snapshot here; default: standard output
  --concurrency N  AWS calls in flight at once (default 256)

Organisation scans (one sign-in, a role assumed in every active account):
  --organization   list the organisation's accounts with --profile (management or delegated
                   administrator; or an IAM Identity Center profile) and scan each account × region
  --role NAME      the role to assume in each account (default PeerscapeReadOnly; see
                   peerscape role-template); with Identity Center, the permission set
  --external-id X  the ExternalId the role's trust policy asks for
  --ou ID          scan only this OU (or root) and the OUs below it (repeat, or ID1,ID2)
  --allow-organization-account-access-role
                   where the role is refused, try OrganizationAccountAccessRole (full administrator)
  -h, --help       show this help

Exit status: 0 all loaded, 1 some profile or region failed (the snapshot is still written),
2 bad arguments, 130 interrupted.`;

/** The flags `scan` takes: its parser's cases, and what an unknown flag is matched against for a suggestion. */
const SCAN_FLAGS = [
  '--profile',
  '--region',
  '--sandbox',
  '--out',
  '--concurrency',
  '--organization',
  '--role',
  '--external-id',
  '--ou',
  '--allow-organization-account-access-role',
  '--help',
  '-h',
] as const;
type ScanFlag = (typeof SCAN_FLAGS)[number];
const isScanFlag = (flag: string): flag is ScanFlag => (SCAN_FLAGS as readonly string[]).includes(flag);

/** Parse `scan`'s arguments, or say which one is wrong. */
export function parseScanArgs(argv: readonly string[]): { ok: true; args: ScanArgs } | { ok: false; message: string } {
  const profiles: string[] = [];
  const regions: string[] = [];
  let sandbox: string | undefined;
  let out: string | undefined;
  let concurrency: number | undefined;
  let help = false;
  let organization = false;
  let roleName: string | undefined;
  let externalId: string | undefined;
  const ous: string[] = [];
  let allowOaar = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!isScanFlag(flag)) {
      return { ok: false, message: arg.startsWith('-') ? unknownFlagError(flag, SCAN_FLAGS).message : `unexpected argument "${shown(arg, 40)}": scan takes options only` };
    }
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--profile':
      case '--region': {
        const v = value();
        if (!v) return { ok: false, message: `${flag} needs a value, e.g. ${flag} ${flag === '--profile' ? 'prod' : 'eu-west-1'}` };
        (flag === '--profile' ? profiles : regions).push(...v.split(',').map((s) => s.trim()).filter(Boolean));
        break;
      }
      case '--sandbox': {
        const v = value();
        if (!v) return { ok: false, message: '--sandbox needs a scenario name, e.g. --sandbox demo' };
        sandbox = v;
        break;
      }
      case '--out': {
        const v = value();
        if (!v) return { ok: false, message: '--out needs a file name, e.g. --out snapshot.json' };
        out = v;
        break;
      }
      case '--organization':
        organization = true;
        break;
      case '--allow-organization-account-access-role':
        allowOaar = true;
        break;
      case '--role': {
        const v = value();
        if (!v) return { ok: false, message: '--role needs a role name, e.g. --role PeerscapeReadOnly' };
        roleName = v;
        break;
      }
      case '--external-id': {
        const v = value();
        if (!v) return { ok: false, message: '--external-id needs the ExternalId the role trusts' };
        externalId = v;
        break;
      }
      case '--ou': {
        const v = value();
        if (!v) return { ok: false, message: '--ou needs an OU id, e.g. --ou ou-ab12-cd34ef56' };
        ous.push(...v.split(',').map((o) => o.trim()).filter(Boolean));
        break;
      }
      case '--concurrency': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1) return { ok: false, message: '--concurrency needs a whole number of at least 1' };
        concurrency = v;
        break;
      }
      default:
        return assertNever(flag);
    }
  }
  const orgOnly = roleName !== undefined || externalId !== undefined || ous.length > 0 || allowOaar;
  if (orgOnly && !organization) {
    return { ok: false, message: '--role, --external-id, --ou and --allow-organization-account-access-role go with --organization' };
  }
  if (organization && profiles.length !== 1) {
    return { ok: false, message: `--organization signs in with exactly one --profile (the management account, a delegated administrator or an Identity Center profile), got ${profiles.length}` };
  }
  return {
    ok: true,
    args: {
      ...(organization
        ? {
            organization: {
              ous,
              allowOrganizationAccountAccessRole: allowOaar,
              ...(roleName !== undefined ? { roleName } : {}),
              ...(externalId !== undefined ? { externalId } : {}),
            },
          }
        : {}),
      profiles,
      regions,
      help,
      ...(sandbox !== undefined ? { sandbox } : {}),
      ...(out !== undefined ? { out } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
    },
  };
}

/** A sandbox started for `--sandbox`: the env that points discovery at it, and how to stop it. */
export interface ScanSandbox {
  readonly env: Readonly<Record<string, string>>;
  readonly homeDir: string;
  readonly profiles: readonly string[];
  stop(): Promise<void>;
}

/** Starts the sandbox for `--sandbox NAME`; replaced in tests, and wired to sandbox-cloud by default. */
export type StartScanSandbox = (scenario: string) => Promise<ScanSandbox>;

/** Run `scan` with `argv` (after the command name); resolves to the exit code. */
export async function runScan(
  argv: readonly string[],
  io: CliIo,
  options: { startSandbox?: StartScanSandbox; limits?: Partial<DiscoveryLimits> } = {},
): Promise<number> {
  const parsed = parseScanArgs(argv);
  if (!parsed.ok) throw new CliInputError(asSentence(parsed.message));
  const args = parsed.args;
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return SCAN_EXIT.ok;
  }
  // Before the scan: a scan of many regions must not end in a file that cannot be written.
  const outPath = args.out !== undefined ? await checkOutputPath(args.out, io.cwd, { example: 'snapshot.json' }) : undefined;

  let sandbox: ScanSandbox | undefined;
  if (args.sandbox !== undefined) {
    const start = options.startSandbox ?? (await loadSandboxStarter());
    try {
      sandbox = await start(args.sandbox);
    } catch (e) {
      throw new CliInputError(`cannot start the sandbox "${shown(args.sandbox, 40)}": ${shown((e as Error).message, 200)}`, 'Use --sandbox demo, or see peerscape scan --help.');
    }
  }

  // Loaded here, not at the top: the AWS SDK takes about a second to load, which `--help` and
  // bad arguments should not wait for.
  const { runDiscovery } = await import('../../discovery/run-discovery');
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted'));
  const signal = io.signal ? AbortSignal.any([io.signal, controller.signal]) : controller.signal;
  if (!io.signal) process.once('SIGINT', onSigint);
  const tty = io.stderr.isTTY === true;
  let lastLine = '';
  const reported = new Set<string>();
  const org = args.organization;
  const lineOf = org ? organizationProgressLine : progressLine;
  try {
    const result = await runDiscovery(
      org
        ? {
            organization: {
              profile: args.profiles[0]!,
              ...(args.regions.length ? { regions: args.regions } : {}),
              ...(org.ous.length ? { ous: org.ous } : {}),
              ...(org.roleName !== undefined ? { roleName: org.roleName } : {}),
              ...(org.externalId !== undefined ? { externalId: org.externalId } : {}),
              ...(org.allowOrganizationAccountAccessRole ? { allowOrganizationAccountAccessRole: true } : {}),
            },
          }
        : { profiles: args.profiles.length ? args.profiles : (sandbox?.profiles ?? []), regions: args.regions },
      {
        // A sandbox scan sees only the sandbox's files: an AWS_ENDPOINT_URL or AWS_PROFILE of the
        // caller's environment must not send it to real AWS.
        env: sandbox ? sandbox.env : io.env,
        homeDir: sandbox?.homeDir ?? io.homeDir ?? homedir(),
        now: io.now ?? (() => new Date()),
        signal,
        source: sandbox ? `sandbox:${args.sandbox}` : 'aws',
        // A scan is CPU-bound (SDK XML parsing): scan threads spread it over the cores.
        limits: { scanThreads: DEFAULT_SCAN_THREADS, ...options.limits, ...(args.concurrency ? { maxConcurrentCalls: args.concurrency } : {}) },
        ...(tty
          ? {
              onProgress: (p: DiscoveryProgress) => {
                const line = lineOf(p).slice(0, Math.max(20, (io.stderr.columns ?? 120) - 1));
                if (line !== lastLine) io.stderr.write(`\r\x1b[2K${line}`);
                lastLine = line;
              },
            }
          : org
            ? { onProgress: (p: DiscoveryProgress) => accountLines(p, reported).forEach((l) => io.stderr.write(`${l}\n`)) }
            : {}),
      },
    );
    if (tty && lastLine) io.stderr.write('\n');
    if (!result.ok) throw new CliInputError(shown(result.error.message, 300), result.error.fix);
    const snapshot = result.value;
    const json = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (outPath) await writeOutputFile(outPath, json, { cwd: io.cwd });
    else io.stdout.write(json);
    io.stderr.write(summary(snapshot, outPath));
    if (signal.aborted) return SCAN_EXIT.cancelled;
    return missingCoverage(snapshot).length > 0 ? SCAN_EXIT.partial : SCAN_EXIT.ok;
  } finally {
    if (!io.signal) process.removeListener('SIGINT', onSigint);
    await sandbox?.stop();
  }
}

/** What the scan found and, line by line, what failed and how to fix it. */
function summary(s: Snapshot, outPath: string | undefined): string {
  const t = s.topology;
  const regions = s.coverage.filter((c) => c.region !== '*' && c.state === 'complete').length;
  const lines = [
    `Scanned ${t.accounts.length} account(s), ${regions} region(s): ${t.vpcs.length} VPCs, ${t.subnets.length} subnets, ` +
      `${t.routeTables.length} route tables, ${t.securityGroups.length} security groups, ${t.peerings.length} peerings` +
      (outPath ? ` → ${outPath}` : ''),
  ];
  const names = new Map((s.organization?.accounts ?? []).map((a) => [a.id, a.name] as const));
  for (const c of missingCoverage(s)) {
    if (s.organization && c.accountId) {
      const name = names.get(c.accountId);
      const kept = c.keptFrom ? ` (showing data from ${c.keptFrom})` : '';
      lines.push(
        terminalText(
          `  ${c.state === 'failed' ? 'FAILED' : 'CANCELLED'} account ${c.accountId}${name ? ` (${name})` : ''} ${c.region === '*' ? 'all regions' : c.region}` +
            `${c.cause ? ` [${c.cause}]` : ''}${kept}: ${c.message ?? ''}`,
        ),
      );
      continue;
    }
    // The message and code are an endpoint's answer, the profile a config file's: shown through terminalText.
    lines.push(terminalText(`  ${c.state === 'failed' ? 'FAILED' : 'CANCELLED'} ${c.profile} ${c.region}${c.errorCode ? ` ${c.errorCode}` : ''}: ${c.message ?? ''}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Start the sandbox cloud in-process and write an AWS config pair for its accounts into a temp folder. */
export const startScanSandbox: StartScanSandbox = async (scenario) => {
  const { startSandboxServer } = await import('@peerscape/sandbox-cloud');
  const server = await startSandboxServer({ scenario, log: () => undefined });
  const dir = await mkdtemp(join(tmpdir(), 'peerscape-scan-sandbox-'));
  try {
    const files = await server.writeAwsFiles(dir);
    return {
      env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
      homeDir: dir,
      profiles: server.accounts.map((a) => a.profile),
      async stop() {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
};

async function loadSandboxStarter(): Promise<StartScanSandbox> {
  return startScanSandbox;
}

/** The command commands/index.ts loads. */
export const scanCommand = {
  usage: USAGE,
  run: (argv: readonly string[], io: CliIo): Promise<number> => runScan(argv, io),
};
