import { describe, expect, it } from 'vitest';

import { didYouMean, editDistance, nearestNames } from '../../../electron/cli/nearest-names';

const SCAN = ['--profile', '--region', '--sandbox', '--out', '--concurrency', '--help', '-h'];
const EXPLAIN = ['--snapshot', '--protocol', '--port', '--ipv6', '--source-sg', '--dest-sg', '--json', '--help'];

describe('editDistance', () => {
  it('counts a missing, extra or wrong letter, and a swap of two neighbours, as one edit each', () => {
    expect(editDistance('profile', 'profile')).toBe(0);
    expect(editDistance('profle', 'profile')).toBe(1);
    expect(editDistance('proffile', 'profile')).toBe(1);
    expect(editDistance('prafile', 'profile')).toBe(1);
    expect(editDistance('regoin', 'region')).toBe(1);
    expect(editDistance('', 'out')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('nearestNames', () => {
  it('suggests the flag one slip away, ignoring case', () => {
    expect(nearestNames('--profle', SCAN)).toEqual(['--profile']);
    expect(nearestNames('--regoin', SCAN)).toEqual(['--region']);
    expect(nearestNames('--Profile', SCAN)).toEqual(['--profile']);
    expect(nearestNames('--jsno', EXPLAIN)).toEqual(['--json']);
  });

  it('suggests the flag a short form starts', () => {
    expect(nearestNames('--snap', EXPLAIN)).toEqual(['--snapshot']);
    expect(nearestNames('--conc', SCAN)).toEqual(['--concurrency']);
  });

  it('names both when two are as close', () => {
    expect(nearestNames('--prot', EXPLAIN)).toEqual(['--protocol', '--port']);
  });

  it('suggests nothing for a word that is no slip of any', () => {
    expect(nearestNames('--frobnicate', SCAN)).toEqual([]);
    expect(nearestNames('--bogus', EXPLAIN)).toEqual([]);
    expect(nearestNames('--', SCAN)).toEqual([]);
    // One letter may not stand for any flag that happens to start with it.
    expect(nearestNames('--p', EXPLAIN)).toEqual([]);
  });

  it('works for command names too', () => {
    expect(nearestNames('scna', ['analyze', 'explain', 'export', 'scan'])).toEqual(['scan']);
    expect(nearestNames('exprot', ['analyze', 'explain', 'export', 'scan'])).toEqual(['export']);
    expect(nearestNames('deploy', ['analyze', 'explain', 'export', 'scan'])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('is a clause to append, or nothing', () => {
    expect(didYouMean('--profle', SCAN)).toBe('; did you mean --profile?');
    expect(didYouMean('--prot', EXPLAIN)).toBe('; did you mean --protocol or --port?');
    expect(didYouMean('--frobnicate', SCAN)).toBe('');
  });
});
