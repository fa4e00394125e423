/** Remembering the profiles and regions the user picked. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { rememberedRequest, rememberRequest } from '../../../electron/discovery/discovery-choices';
import { createJsonSettingsStore } from '../../../electron/workspace/settings-store';

describe('rememberRequest', () => {
  it('keeps the picked regions and profiles across store instances', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peerscape-choice-')), 'settings.json');
    rememberRequest(createJsonSettingsStore(path), { regions: ['eu-west-1'], profiles: ['prod'] });
    expect(rememberedRequest(createJsonSettingsStore(path))).toEqual({ regions: ['eu-west-1'], profiles: ['prod'] });
  });

  it('forgets a choice when the user goes back to all', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peerscape-choice-')), 'settings.json');
    const store = createJsonSettingsStore(path);
    rememberRequest(store, { regions: ['eu-west-1'] });
    rememberRequest(store, {});
    expect(rememberedRequest(store)).toEqual({});
  });
});
