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
