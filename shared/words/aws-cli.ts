/** The one builder of AWS CLI commands: an EC2 call as an argument vector, and its shell text.
 *
 * Every `aws ec2 …` Peerscape shows or writes comes from here: the plan's "Copy as AWS CLI", the
 * exported script, fix sentences (route completeness, reachability, anomalies, the checklist)
 * and the hand-off to another account's owner. A call is built from its EC2 API name and
 * parameters (`CreateRoute`, `{ RouteTableId, DestinationCidrBlock, … }`): the CLI kebab-cases
 * both (`--route-table-id`), takes `--flag` / `--no-flag` for booleans, and accepts JSON for
 * every structure. Each consumer renders the words through the shell encoder (`shellWord`), so
 * a value is one word however it is spelled, wherever it is shown.
 */
import type { Encoded } from '../export/syntax/encoded';
import { cliJsonText, sh, shellWord, shJoin } from '../export/syntax/shell';

/** A shell variable whose value is passed as (part of) an argument: `"$PCX_ID"`. */
export class ShellVariable {
  constructor(readonly name: string) {}
}

/** A piece of one word: literal text, or a variable's value. */
export type CliWordPart = string | ShellVariable;

/** One argument: literal text, or pieces joined into one word (`peerscape "$PCX_ID" from vpc-1`). */
export type CliWord = string | ShellVariable | readonly CliWordPart[];

/** A parameter of an EC2 call, as the SDK takes it (a structure becomes JSON). */
export type CliParam = string | number | boolean | ShellVariable | readonly CliParam[] | { readonly [key: string]: CliParam };

/** An EC2 call, ready to be rendered: `ec2 create-route --route-table-id rtb-1 …`. */
export interface Ec2Command {
  /** The CLI's words for the operation: `['create-route']`, `['wait', 'vpc-peering-connection-exists']`. */
  readonly operation: readonly string[];
  /** Each option with its value words: `['--route-table-id', 'rtb-1']`, `['--no-allow-dns']`. */
  readonly options: readonly (readonly CliWord[])[];
}

/** Options of `ec2Command`. */
export interface Ec2CommandOptions {
  /** Maps the text of every string parameter (and of every JSON one) to its word, e.g. to splice in a variable. */
  readonly word?: (text: string) => CliWord;
}

/** `CreateVpcPeeringConnection` → `create-vpc-peering-connection`; `DestinationIpv6CidrBlock` → `destination-ipv6-cidr-block`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** True when a structure holds a shell variable somewhere (JSON cannot hold one). */
function holdsVariable(value: CliParam): boolean {
  if (value instanceof ShellVariable) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).some(holdsVariable);
}

function optionOf(name: string, value: CliParam, word: (text: string) => CliWord): readonly CliWord[] {
  const flag = `--${kebabCase(name)}`;
  if (typeof value === 'boolean') return [value ? flag : `--no-${kebabCase(name)}`];
  if (typeof value === 'number') return [flag, String(value)];
  if (typeof value === 'string') return [flag, word(value)];
  if (value instanceof ShellVariable) return [flag, value];
  if (holdsVariable(value)) throw new Error(`--${kebabCase(name)}: a shell variable cannot go inside JSON`);
  return [flag, word(cliJsonText(value))];
}

function optionsOf(params: Readonly<Record<string, CliParam>>, opts: Ec2CommandOptions): readonly (readonly CliWord[])[] {
  const word = opts.word ?? ((text: string) => text);
  return Object.entries(params).map(([name, value]) => optionOf(name, value, word));
}

/** The EC2 call `action` (its API name) with `params` (SDK names), as options in the order given. */
export function ec2Command(action: string, params: Readonly<Record<string, CliParam>>, opts: Ec2CommandOptions = {}): Ec2Command {
  return { operation: [kebabCase(action)], options: optionsOf(params, opts) };
}

/** An EC2 CLI command that is not an API action (`wait vpc-peering-connection-exists`), with options as for `ec2Command`. */
export function ec2Subcommand(words: readonly string[], params: Readonly<Record<string, CliParam>>, opts: Ec2CommandOptions = {}): Ec2Command {
  return { operation: words, options: optionsOf(params, opts) };
}

/** The destination parameter of a route: IPv6 blocks have their own (`DestinationIpv6CidrBlock`). */
export function routeDestination(destination: string, ipv6 = destination.includes(':')): { readonly DestinationCidrBlock: string } | { readonly DestinationIpv6CidrBlock: string } {
  return ipv6 ? { DestinationIpv6CidrBlock: destination } : { DestinationCidrBlock: destination };
}

/** The global options of a call: where and as whom it runs. */
export interface CliPlace {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** `--profile P --region R --endpoint-url U`, each when given, in that order (or `order`). */
export function placeOptions(place: CliPlace, order: readonly (keyof CliPlace)[] = ['profile', 'region', 'endpointUrl']): readonly (readonly CliWord[])[] {
  const flags: Record<keyof CliPlace, string> = { profile: '--profile', region: '--region', endpointUrl: '--endpoint-url' };
  const out: (readonly CliWord[])[] = [];
  for (const key of order) {
    const value = place[key];
    if (value !== undefined) out.push([flags[key], value]);
  }
  return out;
}

/** The argument vector after the program: `ec2 create-route --route-table-id rtb-1 …`, then `extra` options. */
export function ec2Argv(command: Ec2Command, extra: readonly (readonly CliWord[])[] = []): readonly CliWord[] {
  return ['ec2', ...command.operation, ...command.options.flat(), ...extra.flat()];
}

/** The whole argument vector: `aws ec2 … --profile P --region R`. */
export function awsArgv(command: Ec2Command, place: CliPlace = {}, order?: readonly (keyof CliPlace)[]): readonly CliWord[] {
  return ['aws', ...ec2Argv(command, placeOptions(place, order))];
}

/** One word in the shell: literal pieces through `shellWord`, variables as `"$NAME"`. */
export function shellArg(word: CliWord): Encoded<'shell'> {
  if (typeof word === 'string') return shellWord(word);
  if (word instanceof ShellVariable) return variableWord(word);
  if (word.length === 0) return shellWord('');
  return shJoin(
    word.filter((part) => part !== '').map((part) => (part instanceof ShellVariable ? variableWord(part) : shellWord(part))),
    sh``,
  );
}

function variableWord(variable: ShellVariable): Encoded<'shell'> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.name)) throw new Error(`not a shell variable name: ${variable.name}`);
  return sh`"$${shellWord(variable.name)}"`;
}

/** Words as one shell command line: each through `shellArg`, separated by spaces. */
export function shellArgv(words: readonly CliWord[]): Encoded<'shell'> {
  return shJoin(words.map(shellArg), sh` `);
}

/**
 * Words as shell lines: a new line before each option whose flag is in `breakBefore`; every
 * line but the last ends with ` \`, and the lines after the first start two spaces in.
 */
export function shellArgvLines(words: readonly CliWord[], breakBefore: readonly string[]): Encoded<'shell'>[] {
  const lines: CliWord[][] = [[]];
  words.forEach((w, i) => {
    if (i > 0 && typeof w === 'string' && breakBefore.includes(w)) lines.push([]);
    lines[lines.length - 1]!.push(w);
  });
  return lines.map((line, i) => {
    const text = shellArgv(line);
    const indented = i === 0 ? text : sh`  ${text}`;
    return i < lines.length - 1 ? sh`${indented} \\` : indented;
  });
}

/** `aws ec2 …` as the text a user pastes into a shell: the sentence form of a fix. */
export function awsCommandText(command: Ec2Command, place: CliPlace = {}, order?: readonly (keyof CliPlace)[]): string {
  return shellArgv(awsArgv(command, place, order));
}

/** Splits text at `marker` into literal pieces and `variable`: for parameters that hold a placeholder of a value known only at run time. */
export function spliceVariable(marker: string, variable: ShellVariable): (text: string) => CliWord {
  return (text) => {
    const pieces = text.split(marker);
    if (pieces.length === 1) return text;
    const parts: CliWordPart[] = [];
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push(variable);
      if (piece !== '') parts.push(piece);
    });
    return parts;
  };
}
