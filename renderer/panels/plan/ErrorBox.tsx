/** An API error as the plan panels show it: what went wrong, then what to do. */
import type { ApiError } from '../../../shared/core/result';

export function ErrorBox({ error, testId }: { readonly error: Pick<ApiError, 'message' | 'fix'>; readonly testId?: string }) {
  return (
    <div className="plan-error" role="alert" {...(testId ? { 'data-testid': testId } : {})}>
      <strong>{error.message}</strong>
      <span>{error.fix}</span>
    </div>
  );
}
