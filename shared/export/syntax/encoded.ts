/** Text encoded for one output syntax, and the templates exporters build their files with.
 *
 * An exporter writes its file only through the template of its syntax (`hcl`, `sh`, `xml`, …).
 * A template's literal parts are the exporter's own code; each hole must be text already encoded
 * for that syntax (`Encoded<'hcl'>`) or a number. AWS data arrives as plain `string`, which does
 * not compile in a hole, so it reaches a file only through one of its syntax's encoders. The
 * brand differs per syntax, so text encoded for XML does not compile in a shell script either.
 */

declare const syntaxBrand: unique symbol;

/** The output syntaxes. */
export type SyntaxName = 'hcl' | 'shell' | 'xml' | 'dot' | 'mermaid' | 'markdown' | 'csv';

/** Text that is safe to place in a file of syntax `S` exactly where its encoder meant it to go. */
export type Encoded<S extends SyntaxName> = string & { readonly [syntaxBrand]: S };

/** What a template hole takes: encoded text of the same syntax, or a number (written in digits). */
export type Hole<S extends SyntaxName> = Encoded<S> | number;

/** A tagged template of one syntax: `hcl\`name = ${hclString(raw)}\``. */
export type Template<S extends SyntaxName> = (strings: TemplateStringsArray, ...holes: readonly Hole<S>[]) => Encoded<S>;

/** The building blocks of one syntax; its module keeps `brand` to itself and exports encoders. */
export interface SyntaxKit<S extends SyntaxName> {
  readonly template: Template<S>;
  /** Parts joined by a separator (both already encoded). */
  readonly join: (parts: readonly Encoded<S>[], separator: Encoded<S>) => Encoded<S>;
  /** Marks text the syntax's own encoder has made safe. Never for anything else. */
  readonly brand: (text: string) => Encoded<S>;
}

/** The kit of syntax `S`; called once, by that syntax's module. */
export function defineSyntax<S extends SyntaxName>(): SyntaxKit<S> {
  const brand = (text: string) => text as Encoded<S>;
  const template: Template<S> = (strings, ...holes) => {
    let out = strings[0] ?? '';
    holes.forEach((hole, i) => {
      out += (typeof hole === 'number' ? String(hole) : hole) + (strings[i + 1] ?? '');
    });
    return brand(out);
  };
  return { template, join: (parts, separator) => brand(parts.join(separator)), brand };
}
