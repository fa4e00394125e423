import { describe, expect, it } from 'vitest';

import { accountName, peeringTitle } from '../../../shared/diagram/names';

describe('the names a diagram gives', () => {
  it('calls an account by its alias, else by the first profile that acts in it, else nothing (its id names it)', () => {
    expect(accountName({ alias: 'network-hub', profiles: ['hub-admin'] })).toBe('network-hub');
    expect(accountName({ profiles: ['hub-admin', 'hub-readonly'] })).toBe('hub-admin');
    expect(accountName({ alias: '', profiles: ['hub-admin'] })).toBe('hub-admin');
    expect(accountName({ profiles: [] })).toBeUndefined();
    expect(accountName(undefined)).toBeUndefined();
  });

  it('titles a peering by its Name tag, else by its id or the short form a caller gives', () => {
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0', name: 'hub-to-prod' })).toBe('hub-to-prod');
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0' })).toBe('pcx-0123456789abcdef0');
    expect(peeringTitle({ id: 'pcx-0123456789abcdef0', name: ' ' }, 'pcx-…def0')).toBe('pcx-…def0');
  });
});
