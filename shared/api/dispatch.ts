/** Validate and run one call against the implementation: the single entry every transport uses. */
import { apiContract } from './contract';
import type { PeerscapeApi } from './contract';
import { API_METHOD_NAMES } from './method-names';
import type { ApiMethodName } from './method-names';
import { fail } from '../core/result';
import type { Result } from '../core/result';

/** True when `name` is one of the contract's methods. */
export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (API_METHOD_NAMES as readonly string[]).includes(name);
}

/** Run `name(input)` on `api`, returning a typed error for unknown methods, bad input or a crash. */
export async function dispatchCall(
  api: PeerscapeApi,
  name: unknown,
  input: unknown,
  onBug: (error: unknown) => void = () => undefined,
): Promise<Result<unknown>> {
  if (!isApiMethodName(name)) {
    return fail(
      'unknown-method',
      `There is no API method called ${JSON.stringify(name)}.`,
      `Call one of: ${API_METHOD_NAMES.join(', ')}.`,
    );
  }
  const parsed = apiContract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
      .join('; ');
    return fail('invalid-input', `${name} was called with invalid input (${detail}).`, 'Fix the listed fields and call again.');
  }
  try {
    const impl = api[name] as (input: unknown) => Promise<Result<unknown>>;
    return await impl(parsed.data);
  } catch (error) {
    onBug(error);
    return fail(
      'internal',
      `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      'This is a bug in Peerscape; the details are in the log. Try again, or report it.',
    );
  }
}
