/** What every kind of the model shares: the shape of a kind's registry entry, tags, and the
 * schemas of ids, accounts and regions its fields use.
 */
import { z } from 'zod';

/** One resource kind of the model, as the registry (`kinds/index.ts`) lists it. */
export interface ModelKind<T> {
  /** Runtime validation of one item, as snapshots are read from disk or imported. */
  readonly schema: z.ZodType<T>;
}

/** Tags as AWS returns them, flattened to a map. */
export type Tags = Readonly<Record<string, string>>;

/** Schema of `Tags`. */
export const tagsSchema = z.record(z.string(), z.string());

/** Schema of an AWS resource id: `prefix-` followed by letters and digits, typed as the template literal. */
export const idSchema = <P extends string>(prefix: P) =>
  z.templateLiteral([z.literal(`${prefix}-`), z.string().regex(/^[0-9a-zA-Z]+$/)]);

/** Schema of an `AccountId`. */
export const accountIdSchema = z.string().regex(/^\d{12}$/, 'an account id has 12 digits');

/** Schema of a `Region`. */
export const regionSchema = z.string().min(1);
