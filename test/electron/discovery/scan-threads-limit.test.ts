/** A run's `limits.scanThreads` must be a whole number of at least 0, for profile and organisation scans alike. */
import { describe, expect, it } from 'vitest';

import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { checkScanThreads } from '../../../electron/discovery/run-request';

describe('limits.scanThreads', () => {
  it('takes 0 (the calling thread) and whole numbers, and refuses the rest with what to write', () => {
    expect(checkScanThreads(0)).toEqual({ ok: true, value: 0 });
    expect(checkScanThreads(2)).toEqual({ ok: true, value: 2 });
    for (const bad of [-1, 1.5, Number.NaN]) {
      const r = checkScanThreads(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-input');
        expect(r.error.message).toBe(`limits.scanThreads must be a whole number of at least 0, got ${bad}`);
        expect(r.error.fix).toBe('use 0 to scan on the calling thread');
      }
    }
  });

  it('is checked before an organisation scan signs in', async () => {
    const r = await runDiscovery({ organization: { profile: 'management' } }, { env: {}, homeDir: '/nowhere', now: () => new Date(), limits: { scanThreads: -1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('limits.scanThreads must be a whole number of at least 0, got -1');
  });
});
