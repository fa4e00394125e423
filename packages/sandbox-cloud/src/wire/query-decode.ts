/** Decodes an EC2 Query request body into the structured input of its action.
 *
 * EC2 Query flattens every list as `Name.1`, `Name.2` and every structure as `Name.Member`
 * (`Filter.1.Name`, `Filter.1.Value.1`, `TagSpecification.1.Tag.1.Key`), with names taken from the
 * model (see `queryNameOf`). The result uses the SDK's member names (`Filters`, `Values`, …), so
 * handlers read the same field names as `@aws-sdk/client-ec2` inputs. Parameters the action does
 * not know get `UnknownParameter`, badly typed values `InvalidParameterValue`, missing required
 * ones `MissingParameter`, as EC2 answers them.
 */
import { AwsError, invalidValue, missingParameter } from '../errors';
import { queryNameOf, shape, type Shape } from './model';

interface Node {
  value?: string;
  readonly children: Map<string, Node>;
  used: boolean;
}

function newNode(): Node {
  return { children: new Map(), used: false };
}

/** Builds the dotted-name tree of a flat parameter map (`A.1.B` → A → 1 → B). */
export function buildParamTree(params: ReadonlyMap<string, string>): Node {
  const root = newNode();
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      let next = node.children.get(part);
      if (!next) {
        next = newNode();
        node.children.set(part, next);
      }
      node = next;
    }
    node.value = value;
  }
  return root;
}

function decodeScalar(s: Shape, node: Node, path: string): unknown {
  const raw = node.value;
  node.used = true;
  if (raw === undefined) {
    throw new AwsError('InvalidParameterValue', `The parameter ${path} must be a single value, not a list or structure.`);
  }
  switch (s.type) {
    case 'string': {
      if (s.enum && !s.enum.includes(raw)) {
        throw invalidValue(path, raw, `Valid values are: ${s.enum.join(', ')}.`);
      }
      return raw;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') throw invalidValue(path, raw, 'Expecting true or false.');
      return v === 'true';
    }
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(raw.trim())) throw invalidValue(path, raw, 'Expecting an integer.');
      const n = Number(raw.trim());
      if (s.min !== undefined && n < s.min) throw invalidValue(path, raw, `Expecting a value greater than or equal to ${s.min}.`);
      if (s.max !== undefined && n > s.max) throw invalidValue(path, raw, `Expecting a value less than or equal to ${s.max}.`);
      return n;
    }
    case 'double':
    case 'float': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw invalidValue(path, raw, 'Expecting a number.');
      return n;
    }
    case 'timestamp': {
      const t = Date.parse(raw);
      if (Number.isNaN(t)) throw invalidValue(path, raw, 'Expecting an ISO 8601 timestamp.');
      return new Date(t);
    }
    default:
      throw new Error(`unsupported scalar shape type ${s.type}`);
  }
}

function decodeShape(shapeName: string, node: Node, path: string): unknown {
  const s = shape(shapeName);
  if (s.type === 'structure') return decodeStructure(s, node, path);
  if (s.type === 'list') {
    const member = s.member;
    if (!member) throw new Error(`list shape ${shapeName} has no member`);
    node.used = true;
    const entries: [number, Node][] = [];
    for (const [k, child] of node.children) {
      if (!/^\d+$/.test(k) || Number(k) < 1) {
        throw new AwsError('InvalidParameterValue', `The parameter ${path}.${k} is not valid: list members are numbered ${path}.1, ${path}.2, …`);
      }
      entries.push([Number(k), child]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    return entries.map(([i, child]) => decodeShape(member.shape, child, `${path}.${i}`));
  }
  return decodeScalar(s, node, path);
}

function decodeStructure(s: Shape, node: Node, path: string): Record<string, unknown> {
  node.used = true;
  const out: Record<string, unknown> = {};
  for (const [memberName, m] of Object.entries(s.members ?? {})) {
    const wire = queryNameOf(memberName, m);
    const child = node.children.get(wire);
    if (!child) continue;
    out[memberName] = decodeShape(m.shape, child, path ? `${path}.${wire}` : wire);
  }
  for (const req of s.required ?? []) {
    if (out[req] === undefined) {
      const m = s.members?.[req];
      const wire = m ? queryNameOf(req, m) : req;
      throw missingParameter(path ? `${path}.${wire}` : wire);
    }
  }
  return out;
}

function findUnused(node: Node, path: string): string | undefined {
  for (const [k, child] of node.children) {
    const p = path ? `${path}.${k}` : k;
    if (!child.used) return p;
    const deeper = findUnused(child, p);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * Decodes the flat parameters of one request into the input structure `inputShape`.
 *
 * `ignore` lists top-level keys that are not part of the action's input (`Action`, `Version`).
 */
export function decodeQueryInput(
  inputShape: string | undefined,
  params: ReadonlyMap<string, string>,
  ignore: readonly string[] = ['Action', 'Version'],
): Record<string, unknown> {
  const root = buildParamTree(params);
  for (const k of ignore) {
    const n = root.children.get(k);
    if (n) n.used = true;
  }
  const input = inputShape ? decodeStructure(shape(inputShape), root, '') : {};
  const unused = findUnused(root, '');
  if (unused) throw new AwsError('UnknownParameter', `The parameter ${unused} is not recognized`);
  return input;
}
