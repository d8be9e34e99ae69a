import { errorBody, type ErrorIssue } from '../../schema/index.js';

/** Why an action did not go through. `network` and `timeout` mean it may still be sent later. */
export type ActionErrorKind = 'network' | 'timeout' | 'http' | 'invalid-response';

export class ActionError extends Error {
  constructor(
    readonly kind: ActionErrorKind,
    /** The endpoint's error code (`validation_failed`, `petition_closed`, …) or the kind. */
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly issues: readonly ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'ActionError';
  }

  /** True when sending the same action again later may succeed. */
  get retryable(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || this.status === 429 || (this.status ?? 0) >= 500
    );
  }
}

/** The error an endpoint's refusal stands for: its JSON `error` when it sent one, else its status. */
export async function httpError(response: Response): Promise<ActionError> {
  const status = response.status;
  const parsed = errorBody.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ActionError('http', code, message, status, issues);
  }
  return new ActionError('http', `http_${status}`, `The endpoint answered ${status}.`, status);
}

export const timeoutError = () => new ActionError('timeout', 'timeout', 'The endpoint took too long to answer.');
export const networkError = () => new ActionError('network', 'network', 'The endpoint could not be reached.');
export const invalidResponse = () =>
  new ActionError('invalid-response', 'invalid_response', 'The endpoint sent an answer we do not understand.');
