import { describe, expect, it } from 'vitest';

import { accountAwsNames, accountName, peeringTitle } from '../../../shared/diagram/names';

describe('the names a diagram gives', () => {
  it('calls an account by its alias, else by the first profile that acts in it, else nothing (its id names it)', () => {
    expect(accountName({ alias: 'network-hub', profiles: ['hub-admin'] })).toBe('network-hub');
    expect(accountName({ profiles: ['hub-admin', 'hub-readonly'] })).toBe('hub-admin');
    expect(accountName({ alias: '', profiles: ['hub-admin'] })).toBe('hub-admin');
    expect(accountName({ profiles: [] })).toBeUndefined();
    expect(accountName(undefined)).toBeUndefined();
  });

  it('calls an account by its Organizations name first, then its alias, then its profile, ignoring blank names', () => {
    expect(accountName({ name: 'Network', alias: 'example-network', profiles: ['hub-admin'] })).toBe('Network');
    expect(accountName({ name: '  ', alias: 'example-network', profiles: ['hub-admin'] })).toBe('example-network');
    expect(accountName({ name: 'Network', profiles: [] })).toBe('Network');
  });

  it("lists the names AWS gives an account for fact lines: name, then a different alias", () => {
    expect(accountAwsNames({ name: 'Network', alias: 'example-network' })).toEqual(['Network', 'example-network']);
    expect(accountAwsNames({ name: 'prod', alias: 'prod' })).toEqual(['prod']);
    expect(accountAwsNames({ alias: 'example-dev' })).toEqual(['example-dev']);
    expect(accountAwsNames({})).toEqual([]);
    expect(accountAwsNames(undefined)).toEqual([]);
  });

  it('titles a peering by its Name tag, else by its id or the short form a caller gives', () => {
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0', name: 'hub-to-prod' })).toBe('hub-to-prod');
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0' })).toBe('pcx-0123456789abcdef0');
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0', name: ' ' }, 'pcx-…def0')).toBe('pcx-…def0');
  });
});
