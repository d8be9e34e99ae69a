import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RateLimitKind } from './config.js';
import type { Deps, Env } from './deps.js';
import { rateLimit } from './guards.js';
import { HttpError } from './http.js';
import type { IdempotencyClaim, Keyed, Outcome, Recalled, StoredAnswer } from './storage/index.js';

/** One action a supporter sends: a signature, a message, a letter report, a photo. */
export interface Write<T> {
  /** The rate limit it counts against. */
  kind: RateLimitKind;
  /** Its `Idempotency-Key` and request hash, when the client sent a key. */
  claim: IdempotencyClaim | undefined;
  /** Refusals that concern only a new action (a closed petition, a bot): not for a retry. */
  admit?: () => void;
  /** Stores it, remembering the answer under the key when there is one. */
  store: (keyed: Keyed<T> | undefined) => Promise<Outcome<T>>;
  /** The answer to the new action, which a replay repeats. */
  answer: (value: T) => StoredAnswer;
  /** Runs once the new action is stored (to tell the live streams). */
  stored?: (value: T) => void;
}

/**
 * Takes one action in the order that keeps it once and answers every retry. The checks for new
 * actions (`admit`) and the rate limit come first; when they refuse, a key that already answered
 * still gets that answer (or 409 for another request), so an outbox retrying a lost answer is not
 * told "closed" or "429" for an action that counted. The storage settles keys atomically: a replay it
 * finds gives back the rate limit's count, as does a write that fails.
 */
export async function acceptWrite<T>(deps: Deps, c: Context<Env>, write: Write<T>): Promise<Response> {
  const { claim, answer } = write;
  let undo: () => void;
  try {
    write.admit?.();
    undo = await rateLimit(deps, c, write.kind);
  } catch (refusal) {
    const seen = claim ? await deps.storage.recall(claim) : null;
    if (seen) return answerRecalled(c, seen);
    throw refusal;
  }
  let outcome: Outcome<T>;
  try {
    outcome = await write.store(claim ? { claim, answer } : undefined);
  } catch (error) {
    undo();
    throw error;
  }
  if (outcome.kind !== 'done') {
    undo();
    return answerRecalled(c, outcome);
  }
  write.stored?.(outcome.value);
  const fresh = answer(outcome.value);
  return c.json(fresh.body as object, fresh.status as ContentfulStatusCode);
}

/** The first answer again (with `Idempotent-Replay: true`), or a 409 for a key reused with another body. */
function answerRecalled(c: Context, recalled: Recalled): Response {
  if (recalled.kind === 'conflict') {
    throw new HttpError(
      409,
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request.',
    );
  }
  c.header('Idempotent-Replay', 'true');
  return c.json(recalled.answer.body as object, recalled.answer.status as ContentfulStatusCode);
}
