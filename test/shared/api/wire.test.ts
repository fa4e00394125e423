import { describe, expect, it } from 'vitest';

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
