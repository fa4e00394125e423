/** Builds `ec2-model.json`, the shapes of the sandbox's EC2 actions, from the AWS SDK's EC2 schema.
 *
 * Run when the action list changes or the SDK is upgraded (docs/sandbox-wire-model.md):
 *   npx tsx packages/sandbox-cloud/src/wire/extract-ec2-model.ts [--sdk DIR] [--botocore FILE] [--allow-older]
 *
 * - `--sdk DIR`: an `@aws-sdk/client-ec2` package folder (default: the one installed for the
 *   repository). Its schema gives every member, its wire names (`xmlName` → `locationName`,
 *   `ec2QueryName` → `queryName`), its type and the required members: the schema the SDK itself
 *   serialises requests and parses responses with. A newer SDK than the installed one can be
 *   unpacked from `npm pack @aws-sdk/client-ec2@latest`; its bundle is run with the
 *   repository's own `@smithy/*` packages.
 * - `--botocore FILE`: botocore's `ec2/2016-11-15/service-2.json` (or `.json.gz`) (default: the
 *   botocore of `python3`, else the one in Debian's awscli package). The SDK's schema leaves out
 *   enum values and integer bounds; they are taken from botocore for members botocore also has.
 *
 * It refuses to replace a model built from a newer SDK unless `--allow-older` is given. The
 * output is committed: the app must not depend on Python or the AWS CLI being installed.
 * Documentation strings are not copied.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { SUPPORTED_EC2_ACTIONS } from '../ec2/dispatch';

interface ModelMember {
  shape: string;
  locationName?: string;
  queryName?: string;
}
interface ModelShape {
  type: string;
  members?: Record<string, ModelMember>;
  member?: ModelMember;
  required?: string[];
  min?: number;
  max?: number;
  enum?: string[];
  flattened?: boolean;
}
interface BotocoreModel {
  metadata: { apiVersion: string; xmlNamespace: string };
  shapes: Record<string, ModelShape & { members?: Record<string, ModelMember> }>;
}

/** The traits of a member in the SDK's schema (schemas are type codes, lazy references or tuples). */
interface SdkTraits {
  xmlName?: string;
  ec2QueryName?: string;
  xmlFlattened?: number | boolean;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../../..');
const DEBIAN_BOTOCORE = '/usr/lib/python3/dist-packages/awscli/botocore';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The SDK's exports (`<Shape>$` schemas) and its version. */
function loadSdk(dir: string | undefined): { exports: Record<string, unknown>; version: string; dir: string } {
  const repoRequire = createRequire(join(REPO, 'package.json'));
  const pkgDir = dir ? resolve(dir) : dirname(repoRequire.resolve('@aws-sdk/client-ec2/package.json'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { name: string; version: string };
  if (pkg.name !== '@aws-sdk/client-ec2') throw new Error(`${pkgDir} is not @aws-sdk/client-ec2 (it is ${pkg.name})`);
  const bundle = join(pkgDir, 'dist-cjs', 'index.js');
  const code = readFileSync(bundle, 'utf8');
  const mod = { exports: {} as Record<string, unknown> };
  // The bundle is one CommonJS file; its dependencies resolve from the repository's node_modules.
  const run = new Function('module', 'exports', 'require', '__filename', '__dirname', code) as (...a: unknown[]) => void;
  run(mod, mod.exports, repoRequire, bundle, dirname(bundle));
  return { exports: mod.exports, version: pkg.version, dir: pkgDir };
}

/** botocore's EC2 model and its version. */
function loadBotocore(file: string | undefined): { model: BotocoreModel; version: string; file: string } {
  let root: string | undefined;
  if (!file) {
    const py = spawnSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' });
    root = py.status === 0 && py.stdout.trim() ? py.stdout.trim() : DEBIAN_BOTOCORE;
    const base = join(root, 'data/ec2/2016-11-15/service-2.json');
    file = existsSync(base) ? base : `${base}.gz`;
  }
  const raw = readFileSync(file);
  const model = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as BotocoreModel;
  root ??= file.includes('/botocore/data/') ? file.slice(0, file.indexOf('/botocore/data/') + '/botocore'.length) : undefined;
  const init = root && existsSync(join(root, '__init__.py')) ? readFileSync(join(root, '__init__.py'), 'utf8') : '';
  const version = /__version__ = '([^']+)'/.exec(init)?.[1] ?? 'unknown';
  return { model, version, file };
}

function deref(s: unknown): unknown {
  return typeof s === 'function' ? deref((s as () => unknown)()) : s;
}

/** A member entry `ref` or `[ref, traits]` split into its schema and traits. */
function memberParts(entry: unknown): { schema: unknown; traits: SdkTraits } {
  if (Array.isArray(entry) && entry.length === 2 && (typeof entry[1] === 'object' || typeof entry[1] === 'number')) {
    return { schema: deref(entry[0]), traits: (typeof entry[1] === 'object' && entry[1] !== null ? entry[1] : {}) as SdkTraits };
  }
  return { schema: deref(entry), traits: {} };
}

/** The model type of a simple schema type code (`@smithy/core/schema`'s codes). */
function simpleType(code: number): string {
  if (code === 0) return 'string';
  if (code === 1) return 'integer';
  if (code === 2) return 'boolean';
  if (code >= 4 && code <= 7) return 'timestamp';
  if (code === 21 || code === 42) return 'blob';
  throw new Error(`schema type code ${code} has no model type`);
}

const SYNTHETIC: Record<string, string> = { string: 'String', integer: 'Integer', boolean: 'Boolean', timestamp: 'DateTime', blob: 'Blob' };

function main(): void {
  const sdk = loadSdk(argValue('--sdk'));
  const boto = loadBotocore(argValue('--botocore'));
  const shapes: Record<string, ModelShape> = {};
  const operations: Record<string, { input?: string; output?: string }> = {};
  let fromSdkOnly = 0;

  /** The model name of a member's shape: botocore's name when botocore has the same member with the same type. */
  const simpleShape = (code: number, botoMember: ModelMember | undefined): string => {
    const type = simpleType(code);
    const botoShape = botoMember ? boto.model.shapes[botoMember.shape] : undefined;
    if (botoMember && botoShape && botoShape.type === type) {
      const copy: ModelShape = { type };
      if (botoShape.enum) copy.enum = botoShape.enum;
      if (botoShape.min !== undefined && type !== 'string') copy.min = botoShape.min;
      if (botoShape.max !== undefined && type !== 'string') copy.max = botoShape.max;
      shapes[botoMember.shape] ??= copy;
      return botoMember.shape;
    }
    if (botoShape && !(type === 'integer' && ['long', 'double', 'float'].includes(botoShape.type))) {
      throw new Error(`${botoMember?.shape}: the SDK says ${type}, botocore says ${botoShape.type}`);
    }
    if (botoShape) {
      shapes[botoMember?.shape as string] ??= { type: botoShape.type };
      return botoMember?.shape as string;
    }
    const name = SYNTHETIC[type] as string;
    shapes[name] ??= { type };
    return name;
  };

  /** A list of simple values written in the schema's short form (`64 | type`, no names of its own). */
  const simpleList = (code: number, botoMember: ModelMember | undefined): string => {
    const botoList = botoMember ? boto.model.shapes[botoMember.shape] : undefined;
    if (botoMember && botoList?.type === 'list' && botoList.member) {
      shapes[botoMember.shape] ??= {
        type: 'list',
        member: { shape: simpleShape(code, botoList.member), ...(botoList.member.locationName ? { locationName: botoList.member.locationName } : {}) },
      };
      return botoMember.shape;
    }
    const name = `${SYNTHETIC[simpleType(code)] as string}List`;
    shapes[name] ??= { type: 'list', member: { shape: simpleShape(code, undefined), locationName: 'item' } };
    return name;
  };

  const member = (entry: unknown, botoMember: ModelMember | undefined): ModelMember => {
    const { schema, traits } = memberParts(entry);
    // A simple value is a type code, or a named one with traits of its own (`[0, ns, name, traits,
    // code]`: a sensitive string such as RunInstances' UserData).
    const code = typeof schema === 'number' ? schema : Array.isArray(schema) && schema[0] === 0 ? (schema[4] as number) : undefined;
    const shape = code === undefined ? visit(schema as readonly unknown[]) : code & 64 ? simpleList(code & 63, botoMember) : simpleShape(code, botoMember);
    return {
      shape,
      ...(traits.xmlName ? { locationName: traits.xmlName } : {}),
      ...(traits.ec2QueryName ? { queryName: traits.ec2QueryName } : {}),
    };
  };

  /** Copies a structure or list schema (and what it reaches) into `shapes`; returns its name. */
  function visit(schema: readonly unknown[]): string {
    const [kind, , name] = schema as [number, string, string];
    if (shapes[name]) return name;
    const boto = botoShapes[name];
    if (kind === 3) {
      const copy: ModelShape = { type: 'structure', members: {} };
      shapes[name] = copy;
      const names = schema[4] as string[];
      const entries = schema[5] as unknown[];
      const required = typeof schema[6] === 'number' ? (schema[6] as number) : 0;
      names.forEach((m, i) => {
        const botoMember = boto?.members?.[m];
        if (!botoMember) fromSdkOnly++;
        (copy.members as Record<string, ModelMember>)[m] = member(entries[i], botoMember);
      });
      if (required > 0) copy.required = names.slice(0, required);
      return name;
    }
    if (kind === 1) {
      const copy: ModelShape = { type: 'list' };
      shapes[name] = copy;
      copy.member = member(schema[4], boto?.member);
      const traits = (typeof schema[3] === 'object' && schema[3] !== null ? schema[3] : {}) as SdkTraits;
      if (traits.xmlFlattened) copy.flattened = true;
      return name;
    }
    throw new Error(`shape ${name}: schema kind ${kind} is not a structure or a list`);
  }
  const botoShapes = boto.model.shapes;

  for (const action of SUPPORTED_EC2_ACTIONS) {
    const op = sdk.exports[`${action}$`] as readonly unknown[] | undefined;
    if (!op) throw new Error(`operation ${action} is missing from @aws-sdk/client-ec2 ${sdk.version}`);
    const input = deref(op[4]) as readonly unknown[];
    const output = deref(op[5]);
    const out: { input?: string; output?: string } = { input: visit(input) };
    // An action without output has the schema `Unit` (a structure with no members and no name of its own).
    if (Array.isArray(output) && output[0] === 3 && (output[4] as unknown[]).length > 0) out.output = visit(output);
    operations[action] = out;
  }
  const result = {
    source: `@aws-sdk/client-ec2 ${sdk.version} schema (members, wire names, required members) and botocore ${boto.version} ec2/2016-11-15 (enum values, integer bounds), by extract-ec2-model.ts`,
    apiVersion: boto.model.metadata.apiVersion,
    xmlNamespace: boto.model.metadata.xmlNamespace,
    operations,
    shapes,
  };
  const target = join(HERE, 'ec2-model.json');
  const committed = existsSync(target) ? /client-ec2 (\d+)\.(\d+)\.(\d+)/.exec((JSON.parse(readFileSync(target, 'utf8')) as { source?: string }).source ?? '') : null;
  const [, ...now] = /^(\d+)\.(\d+)\.(\d+)/.exec(sdk.version) ?? [];
  const older = committed && now.length === 3 && Number(now[1]) * 1e6 + Number(now[2]) < Number(committed[2]) * 1e6 + Number(committed[3]);
  if (older && !process.argv.includes('--allow-older')) {
    console.error(
      `ec2-model.json was built from @aws-sdk/client-ec2 ${committed?.slice(1).join('.')}, newer than ${sdk.version}: ` +
        'pass --sdk with that version or newer (docs/sandbox-wire-model.md), or --allow-older to go back.',
    );
    process.exit(1);
  }
  writeFileSync(target, JSON.stringify(result, null, 1) + '\n');
  console.log(
    `wrote ${Object.keys(shapes).length} shapes for ${SUPPORTED_EC2_ACTIONS.length} actions to ${target}\n` +
      `  SDK ${sdk.version} (${sdk.dir}), botocore ${boto.version} (${boto.file}); ${fromSdkOnly} members botocore does not have`,
  );
}

main();
