import { describe, expect, it } from 'vitest';

import { formatTable, plural } from '../../../electron/cli/format-table';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(formatTable(['A', 'Bee', 'C'], [['long value', 'x', 'tail'], ['y', 'zz', '']])).toBe(
      ['  A           Bee  C', '  long value  x    tail', '  y           zz'].join('\n'),
    );
  });

  it('counts in words', () => {
    expect(plural(1, 'pair')).toBe('1 pair');
    expect(plural(12000, 'pair')).toBe('12,000 pairs');
    expect(plural(2, 'ambiguity', 'ambiguities')).toBe('2 ambiguities');
  });
});
