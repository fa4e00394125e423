/** The package's shape, read from its sources with the TypeScript parser: every import stays
 * inside the package or names one of its own dependencies (so it can never share code with the
 * app it checks), and no module imports itself through others (type-only imports count too: a
 * circle of types is a circle of knowledge). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** One import or re-export of a module. */
interface ImportRef {
  readonly specifier: string;
  /** `import type`, or every imported name type-only: erased from the JavaScript. */
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(name)) out.push(path);
  }
  return out.sort();
}

function importsOf(file: string): ImportRef[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly))));
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || Boolean(named && named.length > 0 && named.every((e) => e.isTypeOnly)) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) refs.push({ specifier: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** The file a relative specifier names, as the bundler resolves it (`x` → `x.ts` or `x/index.ts`). */
function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const FILES = ['src', 'test', 'bin'].flatMap((d) => sourceFiles(join(ROOT, d)));

/** The circles of a module graph: its strongly connected components with more than one module
 * (or a module that imports itself), each listed from its first module in file order. */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (;;) {
      const w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return circles;
}

describe('the sandbox package', () => {
  it('imports nothing from outside its folder, and only the packages its package.json names', () => {
    const problems: string[] = [];
    for (const file of FILES) {
      const where = relative(ROOT, file);
      const isTest = where.startsWith('test/');
      for (const { specifier, typeOnly } of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = resolveLocal(file, specifier);
          if (!target) problems.push(`${where}: '${specifier}' resolves to no file`);
          else if (relative(ROOT, target).startsWith('..')) problems.push(`${where}: '${specifier}' leaves the package (${relative(ROOT, target)})`);
          continue;
        }
        if (specifier.startsWith('node:')) continue;
        const name = packageName(specifier);
        const runtime = manifest.dependencies?.[name] !== undefined;
        const dev = manifest.devDependencies?.[name] !== undefined;
        // Sources may use a devDependency for its types only (erased from what runs).
        if (!runtime && !((isTest || typeOnly) && dev)) problems.push(`${where}: '${specifier}' is not a ${isTest ? '' : 'runtime '}dependency in package.json`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no import circle among its modules', () => {
    const graph = new Map<string, string[]>();
    for (const file of FILES.filter((f) => relative(ROOT, f).startsWith('src/'))) {
      const targets = importsOf(file)
        .filter((r) => r.specifier.startsWith('.'))
        .map((r) => resolveLocal(file, r.specifier))
        .filter((t): t is string => t !== undefined && t.endsWith('.ts'))
        .map((t) => relative(ROOT, t));
      graph.set(relative(ROOT, file), targets);
    }
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
