/** The repository's own files (tracked, or new and not ignored) and the comments in them, for the
 * tests that check the repository's shape rather than one module's behaviour. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import ts from 'typescript';

/** The repository root (this file is test/structure/source-files.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Every file git tracks or would track (ignored files left out), as root-relative paths with `/`. */
export function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(out.split('\0').filter((f) => f !== '' && existsSync(join(REPO_ROOT, f))))].sort();
}

/** One comment: where it starts (1-based line) and its text, markers included. */
export interface SourceComment {
  readonly line: number;
  readonly text: string;
}

const TS_LIKE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const HASH_COMMENTED = /(\.(ya?ml|sh|bash|toml|ini|cfg)|^\.ci\/run|(^|\/)\.gitignore|(^|\/)\.npmrc)$/;

/** Whether `comments` can read the comments of this file. */
export function hasCommentSyntax(path: string): boolean {
  return TS_LIKE.test(path) || HASH_COMMENTED.test(path) || /\.(css|html|svg)$/.test(path);
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The comments of a TypeScript or JavaScript file, found by TypeScript's own parser (so `//` in a
 * string or a URL is not a comment, and a comment inside JSX is). */
function scriptComments(path: string, text: string): SourceComment[] {
  const kind = /\.(tsx|jsx)$/.test(path) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Map<number, SourceComment>();
  const add = (ranges: readonly ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) if (!seen.has(r.pos)) seen.set(r.pos, { line: lineOf(text, r.pos), text: text.slice(r.pos, r.end) });
  };
  const visit = (node: ts.Node) => {
    add(ts.getLeadingCommentRanges(text, node.getFullStart()));
    add(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...seen.values()].sort((a, b) => a.line - b.line);
}

function matchedComments(text: string, pattern: RegExp): SourceComment[] {
  return [...text.matchAll(pattern)].map((m) => ({ line: lineOf(text, m.index), text: m[0] }));
}

/** The comments of a file, or every line of it when its syntax has none this reader knows. */
export function comments(path: string, text: string): SourceComment[] {
  if (TS_LIKE.test(path)) return scriptComments(path, text);
  if (HASH_COMMENTED.test(path)) return matchedComments(text, /(?<=^|\s)#.*$/gm);
  if (/\.css$/.test(path)) return matchedComments(text, /\/\*[\s\S]*?\*\//g);
  if (/\.(html|svg)$/.test(path)) return matchedComments(text, /<!--[\s\S]*?-->/g);
  return text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
}

/** A repository file's text. */
export function readRepositoryFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}
