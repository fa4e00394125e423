import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { decodeWire, encodeWire } from '../../../shared/api/wire';

describe('wire encoding', () => {
  it('round-trips what structuredClone keeps and JSON loses', () => {
    const value = {
      when: new Date('2026-11-23T10:00:00.000Z'),
      missing: undefined,
      list: [1, undefined, 3],
      big: 10n ** 20n,
      nan: Number.NaN,
      inf: -Infinity,
      map: new Map([['a', new Set([1, 2])]]),
      nested: { deep: [{ x: 'y' }] },
    };
    expect(decodeWire(encodeWire(structuredClone(value)))).toStrictEqual(value);
  });
});

describe('wire encoding of edge cases', () => {
  it('round-trips top-level values of every kind, and keeps undefined members present', () => {
    for (const v of [undefined, null, 0, -0.5, 'x', 5n, Number.NaN, new Date(0), [undefined], new Map([[1n, undefined]]), new Set(['a'])]) {
      expect(decodeWire(encodeWire(v))).toStrictEqual(v);
    }
    const decoded = decodeWire(encodeWire({ a: undefined })) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['a']);
  });

  it('keeps a plain object whose own fields look like data, and strings that look like tags', () => {
    const value = { v: '__peerscape_wire', nested: { list: [{ date: '2026-01-01' }] } };
    expect(decodeWire(encodeWire(value))).toStrictEqual(value);
  });
});

const MARK = '__peerscape_wire';

/** Keys a hostile or unlucky AWS tag could carry: the marker itself, its escaped form, near misses. */
const markerKey = fc.constantFrom(MARK, MARK + MARK, `${MARK}x`, `${MARK}${MARK}${MARK}`, `x${MARK}`, MARK.slice(0, -1), `_${MARK}`, MARK.toUpperCase(), 'v', '__proto__', '');
const kinds = fc.constantFrom('undefined', 'hole', 'date', 'bigint', 'number', 'map', 'set', 'other');

/** Values structured clone keeps and JSON loses or changes. */
const special = fc.oneof(
  fc.date(),
  fc.bigInt(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, undefined, MARK),
);

const { value: wireValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), special, tie('array'), tie('sparse'), tie('object'), tie('spoof'), tie('map'), tie('set')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  sparse: fc.sparseArray(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), markerKey), tie('value'), { maxKeys: 4 }),
  // Data shaped exactly like a tag: the marker key with a tag kind, and a `v`.
  spoof: fc.tuple(kinds, tie('value'), fc.boolean()).map(([kind, v, withV]) => (withV ? { [MARK]: kind, v } : { [MARK]: kind })),
  map: fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((entries) => new Map(entries)),
  set: fc.array(tie('value'), { maxLength: 3 }).map((items) => new Set(items)),
}));

describe('wire encoding cannot be spoofed by data', () => {
  it('decodes an AWS tag whose key is the marker as the data it is', () => {
    const vpc = { id: 'vpc-1', tags: { [MARK]: 'date', v: 'x', Name: 'prod' }, more: [{ [MARK]: 'undefined' }], deep: { [`${MARK}${MARK}`]: 1 } };
    expect(decodeWire(encodeWire(vpc))).toStrictEqual(vpc);
  });

  it('round-trips arbitrary JSON-like values with markers, dates, bigints, NaN, ±Infinity, -0, undefined, holes, Maps and Sets', () => {
    fc.assert(
      fc.property(wireValue, (v) => {
        expect(decodeWire(encodeWire(v))).toStrictEqual(structuredClone(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps key order and a __proto__ key as data, when keys are escaped', () => {
    const value = JSON.parse(`{"a":1,"${MARK}":2,"__proto__":{"x":${encodeWire(new Date(0))}},"z":3}`) as Record<string, unknown>;
    const decoded = decodeWire(encodeWire(value)) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['a', MARK, '__proto__', 'z']);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBeTypeOf('object');
  });

  it('refuses text with a malformed tag instead of guessing', () => {
    expect(() => decodeWire(`{"${MARK}":"sculpture"}`)).toThrow(/malformed wire value/);
    expect(() => decodeWire(`{"${MARK}":"bigint","v":1}`)).toThrow(/malformed wire value/);
  });
});
