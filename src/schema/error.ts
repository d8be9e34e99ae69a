import * as z from 'zod/mini';

/** One problem with one field of a request: `path` names the field ("email", "target.name"). */
export const errorIssue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});

/** Every error the endpoint sends: `{ error: { code, message, issues? } }` with a 4xx or 5xx status. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(errorIssue)),
  }),
});

export type ErrorIssue = z.infer<typeof errorIssue>;
export type ErrorBody = z.infer<typeof errorBody>;

/** Flattens zod issues into the endpoint's and the widgets' shared shape. */
export function toErrorIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
): ErrorIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}
