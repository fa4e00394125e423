import { describe, expect, it } from 'vitest';

import { isCliCommand, listCommandNames, loadCommand } from '../../../electron/cli/registry';

describe('command registry', () => {
  it('finds the real commands by file name, analyze and explain among them', async () => {
    const names = await listCommandNames();
    expect(names).toEqual(expect.arrayContaining(['analyze', 'explain']));
    expect(names.every((n) => /^[a-z][a-z0-9-]*$/.test(n))).toBe(true);
  });

  it('loads a command with the shape the dispatcher needs', async () => {
    const r = await loadCommand('explain');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.command).toMatchObject({ name: 'explain', summary: expect.any(String), usage: expect.stringContaining('Usage: peerscape explain') });
  });

  it('tells a command from anything else', () => {
    expect(isCliCommand({ name: 'x', summary: 's', usage: 'u', run: async () => 0 })).toBe(true);
    expect(isCliCommand({ name: 'x', summary: 's', usage: 'u' })).toBe(false);
    expect(isCliCommand(null)).toBe(false);
  });
});
