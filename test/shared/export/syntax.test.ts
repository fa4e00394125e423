/**
 * The encoders of each output syntax, one by one: what they write for arbitrary text, read back
 * by the syntax's own parser (hcl2json, bash, an XML parser, the strict CSV reader), and the
 * type-level rule that raw text does not compile where encoded text is expected.
 */
import { spawnSync } from 'node:child_process';

import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { csvCell, csvFile, csvRow } from '../../../shared/export/syntax/csv';
import { hcl, hclComment, hclString } from '../../../shared/export/syntax/hcl';
import { revealHidden } from '../../../shared/export/syntax/reveal';
import { sh, shellComment, shellJson, shellWord } from '../../../shared/export/syntax/shell';
import { xml, xmlAttr, xmlText } from '../../../shared/export/syntax/xml';
import { readCsvStrict } from '../../support/csv-reader';
import { hostileString, unreveal } from '../../support/fixtures/hostile';

/** Any text, lone surrogates and NUL included. */
const anyText = fc.oneof(hostileString, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

describe('templates', () => {
  it('take only text encoded for their own syntax (checked by tsc)', () => {
    const raw: string = 'x\n}';
    // @ts-expect-error raw text does not compile in a template hole
    void hcl`name = ${raw}`;
    // @ts-expect-error text encoded for XML does not compile in HCL
    void hcl`name = ${xmlText(raw)}`;
    // @ts-expect-error text encoded for HCL does not compile in a shell script
    void sh`echo ${hclString(raw)}`;
    expect(hcl`name = ${hclString(raw)} # ${hclComment(raw)} ${3}`).toBe('name = "x\\n}" # x<U+000A>} 3');
    expect(xml`<a b="${xmlAttr('x"<\n')}">${xmlText('<&')}</a>`).toBe('<a b="x&quot;&lt;&lt;U+000A&gt;">&lt;&amp;</a>');
  });
});

describe('revealHidden', () => {
  it('shows controls, bidi overrides, isolates and zero-width characters, and keeps tabs', () => {
    expect(revealHidden('a\u202Eb\u2066c\u200Bd\u001B\te\r\nf\u2028')).toBe('a<U+202E>b<U+2066>c<U+200B>d<U+001B>\te<U+000D><U+000A>f<U+2028>');
    expect(revealHidden('a\r\nb', { keepLineBreaks: true })).toBe('a\r\nb');
    expect(revealHidden('\uD800x\u{E0041}')).toBe('<U+D800>x<U+E0041>');
  });
});

describe('hclString', () => {
  it('is a literal HCL string whose value is exactly the text, never a template', async () => {
    expect(hclString('a "b" ${var.x} %{if} \\ \b \u202E')).toBe('"a \\"b\\" $${var.x} %%{if} \\\\ \\u0008 \\u202E"');
    await fc.assert(
      fc.asyncProperty(anyText, async (raw) => {
        const parsed = (await parse('x.tf', `x = ${hclString(raw)}\n`)) as { x: string };
        // hcl2json writes a literal `${`/`%{` as `$${`/`%%{` (Terraform JSON); HCL normalises strings
        // to NFC, as Terraform will; a lone surrogate becomes U+FFFD.
        expect(parsed.x.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(raw.replace(/\p{Cs}/gu, '\uFFFD').normalize('NFC'));
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});

describe('shellWord', () => {
  it('is one bash word whose value is exactly the text (NUL shown), and a comment stays one line', () => {
    expect(shellWord('rtb-1')).toBe('rtb-1');
    expect(shellWord(`it's $x`)).toBe(`'it'\\''s $x'`);
    expect(shellWord('a\nb\u202E')).toBe("$'a\\nb\\xE2\\x80\\xAE'");
    expect(shellComment('a\nrm -rf /')).toBe('a<U+000A>rm -rf /');
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 4 }), (words) => {
        const script = `printf '%s\\0' ${words.map((w) => shellWord(w)).join(' ')}\n# ${words.map((w) => shellComment(w)).join(' ')}\necho end\n`;
        const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        const expected = words.map((w) => w.replace(/\0/g, '<U+0000>').replace(/\p{Cs}/gu, '\uFFFD'));
        expect(r.stdout).toBe(`${expected.join('\0')}\0end\n`);
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('writes JSON as one readable word that decodes to the same value', () => {
    expect(shellJson({ Value: "a'\u202E\uD800" })).toBe(`'{"Value":"a'\\''\\u202e\uFFFD"}'`);
    fc.assert(
      fc.property(anyText, (raw) => {
        const word = shellJson({ Value: raw });
        expect(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(word)).toBe(false);
        const r = spawnSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
        expect((JSON.parse(r.stdout) as { Value: string }).Value).toBe(raw.replace(/\p{Cs}/gu, '\uFFFD'));
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});

describe('xmlText and xmlAttr', () => {
  it('read back as the text shown, in character data and in attributes', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false, parseTagValue: false, parseAttributeValue: false });
    fc.assert(
      fc.property(anyText, (raw) => {
        const doc = parser.parse(`<r a="${xmlAttr(raw)}">${xmlText(`[${raw}]`)}</r>`) as { r: { a: string; '#text': string } };
        expect(unreveal(doc.r.a)).toBe(raw);
        expect(unreveal(doc.r['#text'])).toBe(`[${raw}]`);
      }),
      { numRuns: 150, seed: 6 },
    );
  });
});

describe('csvCell', () => {
  it('reads back as the text behind at most one apostrophe, and never starts a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('  =1+1')).toBe(`'  =1+1`);
    expect(csvCell('-1')).toBe("'-1");
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), (cells) => {
        const [record] = readCsvStrict(csvFile([csvRow(cells.map(csvCell))]));
        expect(record).toHaveLength(cells.length);
        record!.forEach((cell, i) => {
          expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
          expect(unreveal(/^'([\t\r\n]| *[=+\-@])/.test(cell) ? cell.slice(1) : cell)).toBe(cells[i]);
        });
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
