/** No production source file grows past 400 lines: a file that long holds more than one concern,
 * and is split by concern (tables and generated files excepted, each named below with why). */
import { describe, expect, it } from 'vitest';

import { readRepositoryFile, repositoryFiles } from './source-files';

/** The most lines a production source file may have. */
const MAX_LINES = 400;

/** Production code: the app's three sides, the workspace packages' sources, and the CLI's entry. */
const PRODUCTION = /^(electron|shared|renderer|bin)\/|^packages\/[^/]+\/src\//;
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * Files allowed past the limit, each with the reason. Only a table or a generated file belongs
 * here for good; the temporary entries are files being split now, to be removed once they are.
 */
const ALLOWED: Readonly<Record<string, string>> = {};

function lineCount(text: string): number {
  const lines = text.split('\n');
  return lines.at(-1) === '' ? lines.length - 1 : lines.length;
}

const production = repositoryFiles().filter((f) => PRODUCTION.test(f) && SOURCE.test(f));
const sizes = new Map(production.map((f) => [f, lineCount(readRepositoryFile(f))]));

describe('production source files', () => {
  it('are found: every layer has some', () => {
    for (const layer of ['electron/', 'shared/', 'renderer/', 'packages/sandbox-cloud/src/', 'bin/']) {
      expect(production.some((f) => f.startsWith(layer)), layer).toBe(true);
    }
  });

  it(`stay within ${MAX_LINES} lines, or are a listed table or generated file`, () => {
    const tooLong = [...sizes]
      .filter(([f, n]) => n > MAX_LINES && !(f in ALLOWED))
      .map(([f, n]) => `${f}: ${n} lines (at most ${MAX_LINES}): split it by concern, or if it is a table or generated, list it in ALLOWED with why`);
    expect(tooLong).toEqual([]);
  });

  it('list only files that still need it', () => {
    const stale = Object.keys(ALLOWED)
      .filter((f) => (sizes.get(f) ?? 0) <= MAX_LINES)
      .map((f) => `${f} is ${sizes.has(f) ? `${sizes.get(f)} lines` : 'gone'}: remove it from ALLOWED`);
    expect(stale).toEqual([]);
  });
});
