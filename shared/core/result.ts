/** Expected failures travel as values, never as exceptions. */

/** Stable error codes; AWS error codes pass through as `aws:<Code>`. */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | 'unauthorized'
  | 'internal'
  | 'not-found'
  | 'config-invalid'
  | 'conflict'
  | 'cancelled'
  | 'unavailable'
  | `aws:${string}`;

/** A failure a user can act on. */
export interface ApiError {
  readonly code: ErrorCode;
  /** What went wrong, in words. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** Either a value or an `ApiError`. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result. */
export function fail<T = never>(code: ErrorCode, message: string, fix: string): Result<T> {
  return { ok: false, error: { code, message, fix } };
}

/** Throw for exhaustive switches: reaching it is a bug the compiler should have caught. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
