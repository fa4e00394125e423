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

function encode(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: 'number', v: String(value) };
  if (value instanceof Date) return { [TAG]: 'date', v: value.toISOString() };
  if (value instanceof Map) return { [TAG]: 'map', v: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { [TAG]: 'set', v: [...value].map(encode) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v);
    return out;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    if (TAG in value) {
      const t = value as Tagged;
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
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decode(v);
    return out;
  }
  return value;
}

/** Encode a structured-clonable value as text. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(encode(value));
}

/** Decode text made by `encodeWire`. */
export function decodeWire(text: string): unknown {
  return decode(JSON.parse(text));
}
