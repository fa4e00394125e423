/** Text encoding of values for the loopback transport, faithful to structured-clone semantics.
 *
 * Electron's IPC copies values with the structured clone algorithm; JSON alone would turn a Date
 * into a string and drop `undefined`. The harness first runs `structuredClone` (so anything IPC
 * could not carry fails the same way), then encodes the few values JSON loses as tag objects:
 * objects whose only other key is `v` and whose first key is exactly MARK.
 *
 * Data can never pass for a tag: an object key that starts with MARK (an AWS tag key, say) is
 * escaped by one more MARK in front, and decoding strips it again. So on the wire a key equal to
 * MARK is always a tag, and a key starting with MARK twice is always an escaped data key.
 */

const MARK = '__peerscape_wire';

type Kind = 'undefined' | 'hole' | 'date' | 'bigint' | 'number' | 'map' | 'set';

/** A tag made by the encoder: its class tells it from a data object that has a MARK key. */
class Tag {
  readonly [MARK]: Kind;
  // `declare`: no class field, so a tag without a value has no `v` member at all.
  declare readonly v?: unknown;
  constructor(kind: Kind, v?: unknown) {
    this[MARK] = kind;
    if (v !== undefined) this.v = v;
  }
}

/** A value decoded from a 'hole' tag: the array slot is deleted, as structured clone keeps holes. */
const HOLE = Symbol('hole');

/** The tag for what JSON would lose or change, or undefined when JSON keeps the value as it is. */
function tagOf(holder: unknown, key: string, value: unknown): Tag | undefined {
  if (value === undefined) return Array.isArray(holder) && !(key in holder) ? new Tag('hole') : new Tag('undefined');
  if (typeof value === 'number') {
    // -0 too: JSON writes it as 0.
    return Number.isFinite(value) && (value !== 0 || 1 / value > 0) ? undefined : new Tag('number', Object.is(value, -0) ? '-0' : String(value));
  }
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? new Tag('bigint', value.toString()) : undefined;
  if (value instanceof Date) return new Tag('date', Number.isNaN(value.getTime()) ? null : value.toISOString());
  if (value instanceof Map) return new Tag('map', [...value]);
  if (value instanceof Set) return new Tag('set', [...value]);
  return undefined;
}

/** Thrown by the fast pass when a data key starts with MARK; the escaping pass then runs instead. */
const COLLISION = new Error('a data key starts with the wire marker');

/** Fast pass (`JSON.stringify` replacer): tags what JSON would lose, reading the raw value (before `toJSON`). */
function encodeMember(this: unknown, key: string, json: unknown): unknown {
  if (key.startsWith(MARK) && !(this instanceof Tag)) throw COLLISION;
  return tagOf(this, key, (this as Record<string, unknown>)[key]) ?? json;
}

/** Escaping pass: as the fast pass, and a data object with a key starting with MARK is sent as a copy with escaped keys. */
function encodeMemberEscaping(this: unknown, key: string, json: unknown): unknown {
  const value = (this as Record<string, unknown>)[key];
  const tag = tagOf(this, key, value);
  if (tag) return tag;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Tag) return json;
  const keys = Object.keys(value);
  if (!keys.some((k) => k.startsWith(MARK))) return json;
  const record = value as Record<string, unknown>;
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(keys.map((k) => [k.startsWith(MARK) ? MARK + k : k, record[k]]));
}

/** Encode a structured-clonable value as text. */
export function encodeWire(value: unknown): string {
  // Without copying the value: the replacer tags members as JSON.stringify walks them (and the
  // members of what it returns, so a Map's keys and values are tagged too); the top-level value
  // arrives as the member '' of JSON.stringify's own holder object. Keys that need escaping are
  // rare (no AWS data starts with MARK but on purpose), so they cost a second pass, not every call.
  try {
    return JSON.stringify(value, encodeMember);
  } catch (error) {
    if (error !== COLLISION) throw error;
    return JSON.stringify(value, encodeMemberEscaping);
  }
}

function malformed(what: string): Error {
  return new Error(`malformed wire value: ${what}`);
}

function decodeTag(t: Record<string, unknown>): unknown {
  const v = t.v;
  switch (t[MARK]) {
    case 'undefined':
      return undefined;
    case 'hole':
      return HOLE;
    case 'date':
      if (v === null) return new Date(Number.NaN);
      if (typeof v === 'string') return new Date(v);
      break;
    case 'bigint':
      if (typeof v === 'string') return BigInt(v);
      break;
    case 'number':
      if (v === '-0' || v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      break;
    case 'map':
      if (Array.isArray(v)) return new Map(v.map((entry) => decodeMapEntry(entry)));
      break;
    case 'set':
      if (Array.isArray(v)) return new Set(v.map(decodeValue));
      break;
  }
  throw malformed(`tag ${JSON.stringify(t[MARK])}`);
}

function decodeValue(value: unknown): unknown {
  const d = decode(value);
  if (d === HOLE) throw malformed('a hole outside an array');
  return d;
}

function decodeMapEntry(entry: unknown): [unknown, unknown] {
  if (!Array.isArray(entry) || entry.length !== 2) throw malformed('map entry');
  return [decodeValue(entry[0]), decodeValue(entry[1])];
}

/** Rebuild an object whose keys were escaped, in key order; its values are decoded already. */
function unescapeKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(record).map((k) => [k.startsWith(MARK) ? k.slice(MARK.length) : k, record[k]]));
}

/**
 * Revive tagged values in what `JSON.parse` just built, in place: the parse result is ours alone,
 * so rewriting it costs one walk and no copies (a 1,000-VPC workspace is ~1.6 MB of JSON).
 */
function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === null || typeof v !== 'object') continue;
      const d = decode(v);
      if (d === HOLE) delete value[i];
      else if (d !== v) value[i] = d;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if (MARK in record) return decodeTag(record);
  let escaped = false;
  for (const k in record) {
    if (k.startsWith(MARK)) escaped = true;
    const v = record[k];
    if (v === null || typeof v !== 'object') continue;
    const d = decodeValue(v);
    // `undefined` members come back as absent-but-present keys, as structured clone keeps them.
    if (d === v) continue;
    if (k === '__proto__') Object.defineProperty(record, k, { value: d, writable: true, enumerable: true, configurable: true });
    else record[k] = d;
  }
  return escaped ? unescapeKeys(record) : record;
}

/** Decode text made by `encodeWire`; throws on text that holds a malformed tag. */
export function decodeWire(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  // Every tag and every escaped key spells MARK: text without it is plain JSON, with nothing to revive.
  if (!text.includes(MARK)) return parsed;
  const d = decode(parsed);
  if (d === HOLE) throw malformed('a hole outside an array');
  return d;
}
