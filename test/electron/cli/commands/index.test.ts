import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { COMMANDS } from '../../../../electron/cli/commands/index';

describe('the command table', () => {
  it('lists every command module in commands/, and nothing else', () => {
    const modules = readdirSync(new URL('../../../../electron/cli/commands/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(modules);
    expect(modules).toEqual(expect.arrayContaining(['analyze', 'explain', 'export', 'scan']));
  });

  it.each(Object.entries(COMMANDS))('loads %s, whose help starts with its own usage line', async (name, entry) => {
    expect(entry.summary).toMatch(/^[A-Z].{20,}[^.]$/);
    const command = await entry.load();
    expect(command.usage).toMatch(new RegExp(`^Usage: peerscape ${name} `));
    expect(typeof command.run).toBe('function');
  });
});
