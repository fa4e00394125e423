/** The world's two id sequences: the second one (kinds added after scenarios' ids were settled)
 * never meets the first and leaves it as it was. */
import { describe, expect, it } from 'vitest';

import { World } from '../../src/state/world';

describe('ids', () => {
  it('come from two sequences that never share an id, and drawing from the second renumbers nothing in the first', () => {
    const plain = new World(Date.now, { scenario: 's', seed: 'seed-1' });
    const mixed = new World(Date.now, { scenario: 's', seed: 'seed-1' });
    const first: string[] = [];
    const both: string[] = [];
    for (let i = 0; i < 2000; i++) {
      first.push(plain.newId('x'));
      both.push(mixed.newLaterId('x'));
      both.push(mixed.newId('x'));
    }
    expect(both.filter((_, i) => i % 2 === 1)).toEqual(first);
    expect(new Set(both).size).toBe(both.length);
    for (const id of both) expect(id).toMatch(/^x-[0-9a-f]{17}$/);
    expect(mixed.laterIdCounter).toBe(2000);
  });
});
