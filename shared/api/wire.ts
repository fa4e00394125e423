/** Text encoding of values for the loopback transport, faithful to structured-clone semantics.
 *
 * Electron's IPC copies values with the structured clone algorithm; JSON alone would turn a Date
 * into a string and drop `undefined`. The harness first runs `structuredClone` (so anything IPC
 * could not carry fails the same way), then encodes the few types JSON loses with tags.
 */

const TAG = '__peerscape_wire';

type Tagged =
  | { [TAG]: 'undefined' }
  | { [TAG]: 'date'; v: string }
  | { [TAG]: 'bigint'; v: string }
  | { [TAG]: 'number'; v: 'NaN' | 'Infinity' | '-Infinity' }
  | { [TAG]: 'map'; v: [unknown, unknown][] }
  | { [TAG]: 'set'; v: unknown[] };

/** `JSON.stringify` replacer: tags what JSON would lose, reading the raw value (before `toJSON`). */
function encodeMember(this: unknown, key: string, json: unknown): unknown {
  const value = (this as Record<string, unknown>)[key];
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: 'number', v: String(value) };
  if (value instanceof Date) return { [TAG]: 'date', v: value.toISOString() };
  if (value instanceof Map) return { [TAG]: 'map', v: [...value] };
  if (value instanceof Set) return { [TAG]: 'set', v: [...value] };
  return json;
}

function decodeTagged(t: Tagged): unknown {
  switch (t[TAG]) {
    case 'undefined':
      return undefined;
    case 'date':
      return new Date(t.v);
    case 'bigint':
      return BigInt(t.v);
    case 'number':
      return Number(t.v);
    case 'map':
      return new Map(t.v.map(([k, v]) => [decode(k), decode(v)]));
    case 'set':
      return new Set(t.v.map(decode));
  }
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
      if (v !== null && typeof v === 'object') value[i] = decode(v);
    }
    return value;
  }
  if (TAG in value) return decodeTagged(value as Tagged);
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (v === null || typeof v !== 'object') continue;
    const d = decode(v);
    // `undefined` members come back as absent-but-present keys, as structured clone keeps them.
    if (d !== v) record[k] = d;
  }
  return record;
}

/** Encode a structured-clonable value as text. */
export function encodeWire(value: unknown): string {
  // Without copying the value: the replacer tags members as JSON.stringify walks them (and the
  // members of what it returns, so a Map's keys and values are tagged too); the top-level value
  // arrives as the member '' of JSON.stringify's own holder object.
  return JSON.stringify(value, encodeMember);
}

/** Decode text made by `encodeWire`. */
export function decodeWire(text: string): unknown {
  return decode(JSON.parse(text));
}
