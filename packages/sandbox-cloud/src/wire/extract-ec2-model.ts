/** Copies the shapes of the sandbox's EC2 actions out of botocore's EC2 model.
 *
 * Run once when the action list changes:
 *   npx tsx packages/sandbox-cloud/src/wire/extract-ec2-model.ts [path/to/ec2/2016-11-15/service-2.json[.gz]]
 * The default path is where Debian's awscli package installs botocore's model
 * (`dpkg -L awscli | grep 'ec2/2016-11-15/service-2.json'`). The output, `ec2-model.json`, is
 * committed: the app must not depend on the AWS CLI being installed. Documentation strings are
 * dropped; only what the wire needs (member names, `locationName`, `queryName`, required members,
 * integer bounds and enums) is kept.
 *
 * With `--added`, only the actions `ec2-model.json` lacks are copied, into `ec2-model-added.json`
 * (read after it by `model.ts`): a branch can serve new actions without rewriting the shared file.
 * The next full run takes them into `ec2-model.json`; `ec2-model-added.json` then goes back to
 * holding no operations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { SUPPORTED_EC2_ACTIONS } from '../ec2/dispatch';

const DEFAULT_MODEL =
  '/usr/lib/python3/dist-packages/awscli/botocore/data/ec2/2016-11-15/service-2.json';

interface BotocoreMember {
  shape: string;
  locationName?: string;
  queryName?: string;
}
interface BotocoreShape {
  type: string;
  members?: Record<string, BotocoreMember>;
  member?: BotocoreMember;
  required?: string[];
  min?: number;
  max?: number;
  enum?: string[];
  flattened?: boolean;
}
interface BotocoreModel {
  metadata: { apiVersion: string; xmlNamespace: string };
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, BotocoreShape>;
}

function main(): void {
  const args = process.argv.slice(2);
  const addedOnly = args.includes('--added');
  const source = args.find((a) => a !== '--added') ?? DEFAULT_MODEL;
  const raw = readFileSync(source);
  const model = JSON.parse((source.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as BotocoreModel;
  const here = dirname(fileURLToPath(import.meta.url));
  const committed = JSON.parse(readFileSync(join(here, 'ec2-model.json'), 'utf8')) as { operations: Record<string, unknown> };
  const actions = addedOnly ? SUPPORTED_EC2_ACTIONS.filter((a) => !(a in committed.operations)) : SUPPORTED_EC2_ACTIONS;
  const shapes: Record<string, BotocoreShape> = {};
  const operations: Record<string, { input?: string; output?: string }> = {};

  const visit = (name: string): void => {
    if (shapes[name]) return;
    const s = model.shapes[name];
    if (!s) throw new Error(`shape ${name} is missing from ${source}`);
    const copy: BotocoreShape = { type: s.type };
    if (s.members) {
      copy.members = {};
      for (const [k, m] of Object.entries(s.members)) {
        copy.members[k] = {
          shape: m.shape,
          ...(m.locationName ? { locationName: m.locationName } : {}),
          ...(m.queryName ? { queryName: m.queryName } : {}),
        };
      }
    }
    if (s.member) {
      copy.member = { shape: s.member.shape, ...(s.member.locationName ? { locationName: s.member.locationName } : {}) };
    }
    if (s.required) copy.required = s.required;
    if (s.min !== undefined && s.type !== 'string') copy.min = s.min;
    if (s.max !== undefined && s.type !== 'string') copy.max = s.max;
    if (s.enum) copy.enum = s.enum;
    if (s.flattened) copy.flattened = true;
    shapes[name] = copy;
    for (const m of Object.values(copy.members ?? {})) visit(m.shape);
    if (copy.member) visit(copy.member.shape);
  };

  for (const action of actions) {
    const op = model.operations[action];
    if (!op) throw new Error(`operation ${action} is missing from ${source}`);
    operations[action] = {
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
    };
    if (op.input) visit(op.input.shape);
    if (op.output) visit(op.output.shape);
  }
  const out = {
    source: addedOnly
      ? `${source.replace(/^.*\/(site|dist)-packages\//, '')}, the actions ec2-model.json lacks, trimmed by extract-ec2-model.ts --added`
      : 'botocore ec2/2016-11-15/service-2.json (Debian awscli package), trimmed by extract-ec2-model.ts',
    apiVersion: model.metadata.apiVersion,
    xmlNamespace: model.metadata.xmlNamespace,
    operations,
    shapes,
  };
  const target = join(here, addedOnly ? 'ec2-model-added.json' : 'ec2-model.json');
  writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
  if (!addedOnly) {
    const none = { source: 'nothing: ec2-model.json holds every action (extract-ec2-model.ts --added fills this)', operations: {}, shapes: {} };
    writeFileSync(join(here, 'ec2-model-added.json'), JSON.stringify(none, null, 1) + '\n');
  }
  console.log(`wrote ${Object.keys(shapes).length} shapes for ${actions.length} actions to ${target}`);
}

main();
