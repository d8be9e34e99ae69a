import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { toErrorIssues } from '../../schema/error.js';
import { source } from '../../schema/common.js';
import type { Deps, Env } from '../deps.js';
import { reportsAuth } from '../guards.js';
import { HttpError, invalid } from '../http.js';
import { summarize } from '../reports.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function isDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return DAY.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}
const day = z.string().check(z.refine(isDay, 'A day as YYYY-MM-DD.'));
const LONGEST_DAYS = 366;

const reportsQuery = z
  .strictObject({
    case: z.optional(z.string().check(z.maxLength(100))),
    from: z.optional(day),
    to: z.optional(day),
    source: z.optional(source),
  })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to.', path: ['from'] }),
    z.refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) < LONGEST_DAYS * 86_400_000, {
      message: `At most ${LONGEST_DAYS} days at once.`,
      path: ['to'],
    }),
  );

export const REPORTS_PATH = '/v1/admin/reports';

/**
 * `GET /v1/admin/reports?case=&from=&to=&source=`: signatures, approved messages and letters per day,
 * per source and per country (UTC days; the last 30 unless told). The admin token reads every source;
 * a partner token only its own, whatever `source` it asks for. Counts only: no name, no email.
 */
export function reportsRoutes(app: Hono<Env>, deps: Deps): void {
  app.get(REPORTS_PATH, reportsAuth(deps.adminToken, deps.campaign.config.partners), async (c) => {
    const parsed = reportsQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalid(toErrorIssues(parsed.error.issues));
    const query = parsed.data;
    if (query.case !== undefined && !deps.campaign.caseConfig(query.case))
      throw new HttpError(404, 'case_not_found', `There is no case "${query.case.slice(0, 80)}".`);
    const reader = c.get('reader');
    if (reader.kind === 'partner' && query.source !== undefined && query.source !== reader.source)
      throw new HttpError(403, 'forbidden', 'A partner token reads its own source only.');
    const to =
      query.to ??
      (query.from && addDays(query.from, 29) < today(deps) ? addDays(query.from, 29) : today(deps));
    const from = query.from ?? addDays(to, -29);
    const only = reader.kind === 'partner' ? reader.source : query.source;
    const rows = await deps.storage.tally({
      ...(query.case ? { caseId: query.case } : {}),
      ...(only !== undefined ? { source: only } : {}),
      from,
      to,
    });
    return c.json({
      case: query.case ?? null,
      source: only ?? null,
      from,
      to,
      reader: reader.kind,
      ...summarize(rows, from, to),
    });
  });
}

const today = (deps: Deps) => deps.now().toISOString().slice(0, 10);
const addDays = (value: string, days: number) =>
  new Date(Date.parse(`${value}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
