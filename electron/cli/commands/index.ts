/** The subcommands of `peerscape`, listed once: a name, the line `peerscape --help` shows, and how to load it.
 *
 * A command's module is loaded only when that command runs (or shows its own `--help`), so
 * `peerscape --help` loads none of them and `analyze` never waits for the AWS SDK `scan` needs.
 * Each `import()` names its module literally, so the bundler sees every command and the built
 * CLI (out/cli/) holds them all. Adding a command is one module and one line here.
 */
import type { CliCommand } from '../io';

/** One row of the table. */
export interface CommandEntry {
  /** One line for `peerscape --help`. */
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS = {
  analyze: {
    summary: 'Find CIDR conflicts, non-transitive pairs and route gaps in a snapshot',
    load: async () => (await import('./analyze')).analyzeCommand,
  },
  explain: {
    summary: 'Explain hop by hop whether traffic gets from one VPC, subnet or IP to another',
    load: async () => (await import('./explain')).explainCommand,
  },
  export: {
    summary: 'Export a snapshot as SVG/PNG, draw.io, Mermaid, DOT, Markdown/CSV inventory, Terraform or an AWS CLI script',
    load: async () => (await import('./export')).exportCommand,
  },
  reach: {
    summary: 'For one port, every VPC a VPC or account can reach and every connected one it cannot, with why; or account × account',
    load: async () => (await import('./reach')).reachCommand,
  },
  'role-template': {
    summary: 'Print the CloudFormation template of the read-only role organisation scans assume (for a StackSet)',
    load: async () => (await import('./role-template')).roleTemplateCommand,
  },
  scan: {
    summary: 'Discover VPCs, peerings and routes of the chosen profiles and regions into a snapshot file',
    load: async () => (await import('./scan')).scanCommand,
  },
} as const satisfies Readonly<Record<string, CommandEntry>>;

/** A table of commands by name: `COMMANDS`, or a test's own. */
export type CommandTable = Readonly<Record<string, CommandEntry>>;
