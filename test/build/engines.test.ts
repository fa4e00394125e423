/**
 * The Node version is one fact, stated where npm, CI and a reader look, and true of the installed
 * tree: package.json's `engines` is the oldest Node every package in package-lock.json accepts (so
 * `npm ci` on it prints no EBADENGINE, and on nothing older); the Node `.ci/run` installs and the
 * one the README names satisfy it and agree with each other.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

/** npm's own range logic (the semver package, a devDependency for this test). */
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
  compare(a: string, b: string): number;
};

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Lock {
  readonly packages: Readonly<Record<string, { readonly version?: string; readonly engines?: { readonly node?: string } }>>;
}
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as Lock;

/** Every installed package's Node range, by its path in the lock. */
const ranges = Object.entries(lock.packages).flatMap(([path, p]) => (path !== '' && p.engines?.node ? [[path.replace(/^.*node_modules\//, ''), p.engines.node] as const] : []));

/** Packages whose range leaves `version` out. */
const refusing = (version: string) => ranges.filter(([, range]) => !semver.satisfies(version, range)).map(([name, range]) => `${name} (${range})`);

/** The oldest version every range accepts: among the lower bounds the ranges name. */
function oldestAcceptedByAll(): string | undefined {
  const bounds = new Set(ranges.flatMap(([, range]) => range.split('||').flatMap((set) => semver.minVersion(set.trim())?.version ?? [])));
  return [...bounds].sort(semver.compare).find((v) => refusing(v).length === 0);
}

/** The exact Node `.ci/run` installs when the machine's is older. */
const ciNode = /^NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(read('.ci/run'))?.[1];

describe('the Node version', () => {
  it('in engines is the oldest every installed package accepts', () => {
    const oldest = oldestAcceptedByAll();
    expect(oldest).toBeDefined();
    expect(pkg.engines.node).toBe(`>=${oldest!.replace(/\.0$/, '')}`);
    expect(semver.minVersion(pkg.engines.node)?.version).toBe(oldest);
  });

  it('.ci/run installs is accepted by every installed package, as the README names it', () => {
    expect(ciNode).toBeDefined();
    expect(refusing(ciNode!)).toEqual([]);
    expect(semver.satisfies(ciNode!, pkg.engines.node)).toBe(true);
    const major = ciNode!.split('.')[0];
    const readme = read('README.md');
    expect(readme).toContain(`Node.js ${major} LTS`);
    expect(read('docs/toolchain.md')).toContain(`Node ${ciNode}`);
  });
});
