/** The one typed API between the UI and the Node side.
 *
 * Each method has a zod schema for its input (checked on the Node side before the
 * implementation runs) and a TypeScript result type. Electron binds it to IPC, the browser
 * harness and tests bind the same implementation to a loopback transport.
 */
import { z } from 'zod';

import type { AppInfo, ProfilesReport } from './dto';
import type { PeerscapeEvents } from './events';
import type { ApiEventName, ApiMethodName } from './method-names';
import type { Result } from './result';

/** A method's input schema and (type-only) result. */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field carrying the result type; never read at run time. */
  readonly output?: O;
}

function method<I extends z.ZodType>(input: I) {
  return { returns: <O>(): MethodSpec<I, O> => ({ input }) };
}

const noInput = z.strictObject({});

/** Every method: name → input schema and result type. */
export const apiContract = {
  getAppInfo: method(noInput).returns<AppInfo>(),
  listProfiles: method(noInput).returns<ProfilesReport>(),
} as const satisfies Record<ApiMethodName, MethodSpec<z.ZodType, unknown>>;

type Contract = typeof apiContract;
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when method-names.ts and the contract list different methods.
true satisfies Equals<keyof Contract, ApiMethodName>;
true satisfies Equals<keyof PeerscapeEvents, ApiEventName>;

/** The input a caller passes to method `M`. */
export type MethodInput<M extends ApiMethodName> = z.input<Contract[M]['input']>;
/** The parsed input the implementation receives. */
export type ParsedInput<M extends ApiMethodName> = z.output<Contract[M]['input']>;
/** The value a successful call of `M` returns. */
export type MethodOutput<M extends ApiMethodName> = NonNullable<Contract[M]['output']>;

/** What the implementation on the Node side provides: one function per method. */
export type PeerscapeApi = {
  readonly [M in ApiMethodName]: (input: ParsedInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** What the UI holds: the same methods, plus a typed subscription to pushed events. */
export type PeerscapeClient = {
  readonly [M in ApiMethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: PeerscapeEvents[E]) => void): () => void;
};

/** How the Node side pushes an event to whichever UI is bound. */
export type EmitEvent = <E extends ApiEventName>(event: E, payload: PeerscapeEvents[E]) => void;

/** The untyped shape exposed on `window.peerscape` by the preload (one function per method). */
export type PeerscapeBridge = {
  readonly [M in ApiMethodName]: (input: unknown) => Promise<unknown>;
} & {
  on(event: string, listener: (payload: unknown) => void): () => void;
};
