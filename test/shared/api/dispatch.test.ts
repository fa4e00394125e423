import { describe, expect, it } from 'vitest';

import { apiContract } from '../../../shared/api/contract';
import type { PeerscapeApi } from '../../../shared/api/contract';
import { dispatchCall } from '../../../shared/api/dispatch';
import { API_METHOD_NAMES } from '../../../shared/api/method-names';
import { ok } from '../../../shared/core/result';

// Every method answers, so the test fails on a real schema mismatch, never on a missing method.
const api: PeerscapeApi = Object.assign(
  Object.fromEntries(API_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PeerscapeApi,
  {
    getAppInfo: async () => ok({ name: 'Peerscape', version: '1.2.3', shell: 'browser' as const }),
    listProfiles: async () => {
      throw new Error('disk on fire');
    },
  },
);

describe('dispatchCall', () => {
  it('has one input schema per declared method', () => {
    expect(Object.keys(apiContract).sort()).toEqual([...API_METHOD_NAMES].sort());
  });

  it('runs a well-formed call', async () => {
    expect(await dispatchCall(api, 'getAppInfo', {})).toEqual({ ok: true, value: { name: 'Peerscape', version: '1.2.3', shell: 'browser' } });
  });

  it('answers an unknown method with a typed error naming the real ones', async () => {
    const result = await dispatchCall(api, 'dropTables', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown-method');
    expect(result.error.fix).toContain('getAppInfo');
  });

  it.each([
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['an unexpected field', { surprise: true }],
    ['a number', 42],
  ])('refuses %s as input with invalid-input, without running the method', async (_label, input) => {
    const result = await dispatchCall(api, 'getAppInfo', input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid-input');
  });

  it.each([
    ['startDiscovery', { source: 'cloud' }],
    ['startDiscovery', { source: 'aws', regions: ['Europe'] }],
    ['savePositions', { positions: { 'vpc-1': { x: 'left', y: 0 } } }],
    ['savePositions', { positions: { 'vpc-1': { x: Infinity, y: 0 } } }],
    ['cancelDiscovery', {}],
    ['importSnapshot', { json: 42 }],
  ])('validates %s input %o against its schema', async (method, input) => {
    const result = await dispatchCall(api, method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('passes parsed input, with defaults applied, to the implementation', async () => {
    const seen: unknown[] = [];
    const spy = { ...api, startSandbox: async (input: unknown) => (seen.push(input), ok({ running: true, profiles: [] })) };
    await dispatchCall(spy, 'startSandbox', {});
    expect(seen).toEqual([{ scenario: 'demo' }]);
  });

  it('turns a crash into an internal error value and reports the bug', async () => {
    const bugs: unknown[] = [];
    const result = await dispatchCall(api, 'listProfiles', {}, (e) => bugs.push(e));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(bugs).toHaveLength(1);
  });
});
