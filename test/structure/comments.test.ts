/** Comments speak of the code: none cites a document outside the repository, a machine's path, a
 * person or a ticket; the repository's own documents (docs/, READMEs) do not send readers outside it
 * either; and every `….md` a comment names exists. */
import { existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

import { describe, expect, it } from 'vitest';

import { comments, hasCommentSyntax, readRepositoryFile, REPO_ROOT, repositoryFiles, type SourceComment } from './source-files';

/** What may not appear in a comment, each with what to do instead. */
const OUTSIDE: readonly { readonly name: string; readonly pattern: RegExp; readonly fix: string }[] = [
  { name: 'a team note', pattern: /\b(STYLE|TOOLCHAIN|[A-Z]+-REVIEW)\.md\b/, fix: 'say the rule itself, or cite the docs/ file that holds it' },
  { name: 'a team note', pattern: /(?<![\w/-])[\w-]*semantics\.md\b/, fix: 'cite docs/ec2-peering-semantics.md (or the docs/ file that holds the fact)' },
  { name: 'the seeds', pattern: /\bseeds\/|\bthe seeds'/, fix: 'say the guidance itself' },
  { name: 'a folder beside the repository', pattern: /(?<![\w./'"`])\.\.\/shared\//, fix: 'cite a file inside the repository' },
  { name: "a machine's path", pattern: /(?<![\w.])\/(work|root)\/|\/(home|Users)\/[a-z][\w.-]*\/|[A-Z]:\\Users\\/, fix: 'name the file relative to the repository root' },
  { name: 'a person', pattern: /\b(analysis|discovery|graph|export|exports|sandbox|layout|plan|planning|diagram|renderer|audit|actions|UI|CLI)[\s*]+helper('s)?\b|\bthe[\s*]+(lead|team)\b|\bcolleague/i, fix: 'say what the code does, not who wrote or wires it' },
  { name: 'a ticket', pattern: /\bissues?[\s*]*#?\d+|\bitem[\s*]+\d+[\s*]+of[\s*]+(the[\s*]+)?issue/i, fix: 'say the requirement itself' },
];

/** The line of `index` within a comment. */
const lineIn = (c: SourceComment, index: number) => c.line + c.text.slice(0, index).split('\n').length - 1;

/** Every way a text points outside the repository, with its line. */
function outsidePointers(found: readonly SourceComment[]): string[] {
  const problems: string[] = [];
  for (const c of found) {
    for (const rule of OUTSIDE) {
      const m = rule.pattern.exec(c.text);
      if (m) problems.push(`line ${lineIn(c, m.index)}: "${m[0].replace(/\s+\*?\s*/g, ' ')}" cites ${rule.name}: ${rule.fix}`);
    }
  }
  return problems;
}

/** The `….md` files a comment names that do not exist: a name is looked up from the citing file's
 * folder up to the repository root, so a docs/ file resolves from anywhere and a package's README
 * from the package's files. */
function missingDocuments(path: string, found: readonly SourceComment[]): string[] {
  const problems: string[] = [];
  for (const c of found) {
    for (const m of c.text.matchAll(/(?<![\w/.:-])((?:[\w-]+\/)*[\w.-]+\.md)\b/g)) {
      const cited = m[1]!;
      const folders: string[] = [];
      for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
        folders.push(dir);
        if (dir === '.') break;
      }
      if (!folders.some((dir) => existsSync(join(REPO_ROOT, dir, cited)))) {
        problems.push(`line ${lineIn(c, m.index)}: cites ${cited}, which is not in ${dirname(path) === '.' ? 'the repository root' : `${posix.dirname(path)} or any folder above it`}`);
      }
    }
  }
  return problems;
}

const files = repositoryFiles().filter((f) => !/(^|\/)package-lock\.json$/.test(f));
const withComments = files.filter(hasCommentSyntax);
const documents = files.filter((f) => /\.md$/.test(f));

describe('comments', () => {
  it('reads comments, not code: a string or URL holding // is not a comment, JSX comments are', () => {
    const found = comments('x.tsx', "const u = 'http://a/b'; // one\n/** two */\nconst j = <div>{/* three */}</div>;\nconst t = `//${u}`;\n");
    expect(found.map((c) => [c.line, c.text])).toEqual([
      [1, '// one'],
      [2, '/** two */'],
      [3, '/* three */'],
    ]);
    expect(comments('.ci/run', 'x="#not"\n# yes\nrun # also\n').map((c) => c.text)).toEqual(['# yes', '# also']);
  });

  it('finds each kind of pointer outside the repository', () => {
    const samples = [
      '// see ../shared/TOOLCHAIN.md',
      '/* STYLE.md Part 1 */',
      '// summarised in ec2-peering-semantics.md',
      '// /work/shared/notes.md',
      '// from seeds/000',
      "// the seeds' table",
      "// the analysis helper's route completeness",
      '// so the lead wires it',
      '// (issue 7, item 4)',
      "/* messages through the discovery\n * helper's `redact` */",
      '// /home/alice/peerscape',
    ];
    for (const s of samples) expect(outsidePointers(comments('x.ts', s)), s).not.toEqual([]);
    const fine = [
      "// docs/ec2-peering-semantics.md says so",
      '// a helper to read AWS errors',
      "import { x } from '../../shared/model/ids';",
      "// the sandbox's `README.md`",
      '// a route that does not lead to prod-db',
    ];
    for (const s of fine) expect(outsidePointers(comments('x.ts', s)), s).toEqual([]);
  });

  it('in the code and configuration cite nothing outside the repository', () => {
    expect(withComments.length).toBeGreaterThan(100);
    const problems = withComments.flatMap((f) => outsidePointers(comments(f, readRepositoryFile(f))).map((p) => `${f} ${p}`));
    expect(problems).toEqual([]);
  });

  it('name only documents that exist in the repository', () => {
    const problems = withComments.flatMap((f) => missingDocuments(f, comments(f, readRepositoryFile(f))).map((p) => `${f} ${p}`));
    expect(problems).toEqual([]);
  });

  it('the repository\'s own documents do not send readers outside it either', () => {
    expect(documents).toContain('README.md');
    const problems = documents.flatMap((f) => outsidePointers(comments(f, readRepositoryFile(f))).map((p) => `${f} ${p}`));
    expect(problems).toEqual([]);
  });
});
