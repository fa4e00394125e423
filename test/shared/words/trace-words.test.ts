import { describe, expect, it } from 'vitest';

import type { ForwardedPart, Forwarding } from '../../../shared/forwarding/forward';
import { decisionWords, targetWords } from '../../../shared/words/trace-words';
import type { Route } from '../../../shared/model/topology';
import { route } from '../../support/fixtures/build-topology';

const part = (r: Route, extra: Partial<ForwardedPart<Route>> = {}): ForwardedPart<Route> => ({
  route: r,
  prefixLength: 16,
  priority: 'static',
  target: { kind: 'peering', id: 'pcx-1' },
  blackhole: false,
  ...extra,
});

describe('trace words', () => {
  it('name a target by its id, and its kind when the id alone does not say', () => {
    expect(targetWords({ kind: 'transit-gateway', id: 'tgw-1' })).toBe('tgw-1 (transit gateway)');
    expect(targetWords({ kind: 'peering', id: 'pcx-1' })).toBe('pcx-1');
    expect(targetWords({ kind: 'local', id: 'local' })).toBe('local');
  });

  it('say what a table decided, what it outranked and what a prefix list may take', () => {
    const f: Forwarding<Route> = {
      tableKind: 'vpc-route-table',
      destination: '10.1.0.0/16' as never,
      parts: [part(route('10.1.0.0/16', 'pcx-1')), part(route('10.1.2.0/24', 'nat-1', 'blackhole'), { target: { kind: 'nat-gateway', id: 'nat-1' }, blackhole: true, prefixLength: 24 })],
      unrouted: false,
      mayDecide: [part(route('pl-1', 'vpce-1'), { priority: 'prefix-list', prefixLength: null, target: { kind: 'vpc-endpoint', id: 'vpce-1' } })],
      outranked: [part(route('10.1.0.0/16', 'vgw-1'), { priority: 'propagated', target: { kind: 'virtual-private-gateway', id: 'vgw-1' } })],
    };
    expect(decisionWords(f)).toBe(
      '10.1.0.0/16 → pcx-1, 10.1.2.0/24 → nat-1 (NAT gateway) (blackhole), outranking 10.1.0.0/16 → vgw-1 (virtual private gateway) (propagated); or pl-1 → vpce-1 (VPC endpoint) (prefix-list) if the prefix list holds it',
    );
  });
});
