import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { countryCode } from '../../schema/index.js';
import {
  gatheringInput,
  gatheringJoin,
  gatheringReport,
  type GatheringInput,
} from '../../schema/gathering.js';
import { calendarFile } from '../calendar.js';
import { publicOrigin } from '../embed/address.js';
import { announceStats } from '../announce.js';
import type { Deps, Env } from '../deps.js';
import { rejectAutomated, requireCase } from '../guards.js';
import {
  moderateGathering,
  newEditToken,
  toAdminGathering,
  toPublicGathering,
  tokenMatches,
} from '../gathering-view.js';
import { HttpError, idempotencyKey, invalid, jsonBody, limitParam } from '../http.js';
import type { ReportResult, StoredGathering } from '../storage/index.js';
import { acceptWrite } from '../write.js';

/** How far ahead an event may be announced. */
const MAX_LEAD_MS = 2 * 365 * 24 * 3600_000;

const FULL = 'As many people as the event has room for are coming already.';

const onlineParam = z.optional(z.literal(['1', 'true', '0', 'false', '']));

/** `?country=CL`, `?online=1`, `?limit=`, `?cursor=`: checked, or 400 naming the parameter. */
function listQuery(c: Context) {
  const country = c.req.query('country');
  if (country !== undefined && country !== '' && !countryCode.safeParse(country).success) {
    throw invalid([{ path: 'country', code: 'invalid_format', message: 'A two-letter country code.' }]);
  }
  const online = onlineParam.safeParse(c.req.query('online'));
  if (!online.success) {
    throw invalid([{ path: 'online', code: 'invalid_value', message: '1 or 0.' }]);
  }
  return {
    country: country || undefined,
    online: online.data === '1' || online.data === 'true',
    cursor: c.req.query('cursor'),
    limit: limitParam(c, 50, 200),
  };
}

/** The event named in the path as the public may see it (approved), or 404. */
async function requireGathering(deps: Deps, c: Context): Promise<StoredGathering> {
  const gathering = await deps.storage.gatherings.get(c.req.param('gatheringId') ?? '');
  if (!gathering || gathering.status !== 'approved') {
    throw new HttpError(404, 'not_found', 'There is no such event.');
  }
  return gathering;
}

/** What only the endpoint can check: the cases exist, the start is ahead and not years away. */
function checkAgainstCampaign(deps: Deps, data: GatheringInput): void {
  const issues = data.cases.flatMap((id, index) =>
    deps.campaign.caseConfig(id)
      ? []
      : [
          {
            path: `cases.${index}`,
            code: 'invalid_value',
            message: `There is no case "${id.slice(0, 80)}".`,
          },
        ],
  );
  const start = Date.parse(data.start);
  const now = deps.now().getTime();
  if (start <= now) {
    issues.push({ path: 'start', code: 'too_small', message: 'The start is in the past.' });
  } else if (start > now + MAX_LEAD_MS) {
    issues.push({ path: 'start', code: 'too_big', message: 'At most two years ahead.' });
  }
  if (issues.length > 0) throw invalid(issues);
}

export function gatheringRoutes(app: Hono<Env>, deps: Deps): void {
  const upcoming = async (c: Context, caseId: string | undefined) => {
    const query = listQuery(c);
    const page = await deps.storage.gatherings.list({
      status: 'approved',
      caseId,
      ...query,
      endsAfter: deps.now().toISOString(),
    });
    return c.json({
      items: page.items.map(toPublicGathering),
      nextCursor: page.nextCursor,
      total: page.total,
    });
  };

  app.get('/v1/gatherings', (c) => upcoming(c, undefined));
  app.get('/v1/cases/:id/gatherings', (c) => upcoming(c, requireCase(deps, c).id));

  app.get('/v1/gatherings/:gatheringId', async (c) =>
    c.json(toPublicGathering(await requireGathering(deps, c))),
  );

  app.post('/v1/gatherings', async (c) => {
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, gatheringInput);
    checkAgainstCampaign(deps, data);
    const edit = newEditToken();
    const answer = (gathering: StoredGathering) => ({
      status: 201,
      body: { id: gathering.id, status: gathering.status, editToken: edit.token },
    });
    return acceptWrite(deps, c, {
      kind: 'gatherings',
      claim: key ? { scope: 'gatherings', key, requestHash: hash } : undefined,
      admit: () => rejectAutomated(data, deps.campaign.config.minFillMs),
      store: (keyed) => {
        const { status, heldFor } = moderateGathering(
          data.cases.map((id) => deps.campaign.moderation(id)),
          data,
        );
        const place = data.place;
        return deps.storage.gatherings.add(
          {
            id: randomUUID(),
            group: data.group,
            title: data.title,
            description: data.description || null,
            start: new Date(data.start).toISOString(),
            end: new Date(data.end).toISOString(),
            timeZone: data.timeZone,
            city: 'city' in place ? place.city : null,
            country: 'city' in place ? place.country : null,
            onlineUrl: 'online' in place ? place.online : null,
            cases: data.cases,
            capacity: data.capacity ?? null,
            lang: data.lang ?? null,
            source: data.source ?? null,
            email: data.email,
            tokenHash: edit.hash,
            status,
            heldFor,
            createdAt: deps.now().toISOString(),
          },
          keyed,
        );
      },
      answer,
      stored: (gathering) => {
        if (gathering.status === 'pending') {
          deps.live.publish('admin', 'gathering-pending', toAdminGathering(gathering));
        }
      },
    });
  });

  app.post('/v1/gatherings/:gatheringId/participants', async (c) => {
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, gatheringJoin);
    const gathering = await requireGathering(deps, c);
    return acceptWrite(deps, c, {
      kind: 'joins',
      claim: key ? { scope: `gathering-joins:${gathering.id}`, key, requestHash: hash } : undefined,
      admit: () => {
        if (Date.parse(gathering.end) <= deps.now().getTime()) {
          throw new HttpError(410, 'gathering_over', 'This event is over.');
        }
        if (gathering.capacity !== null && gathering.participants >= gathering.capacity) {
          throw new HttpError(409, 'gathering_full', FULL);
        }
        rejectAutomated(data, 0);
      },
      store: (keyed) => deps.storage.gatherings.join(gathering.id, keyed),
      answer: (participants) =>
        participants === null
          ? { status: 404, body: { error: { code: 'not_found', message: 'There is no such event.' } } }
          : participants === 'full'
            ? { status: 409, body: { error: { code: 'gathering_full', message: FULL } } }
            : { status: 201, body: { participants } },
    });
  });

  app.post('/v1/gatherings/:gatheringId/report', async (c) => {
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, gatheringReport);
    const gathering = await deps.storage.gatherings.get(c.req.param('gatheringId'));
    // One answer for an unknown event and a wrong token: the link is the only way in.
    if (!gathering || !tokenMatches(data.token, gathering.tokenHash)) {
      throw new HttpError(403, 'forbidden', 'This edit link is not valid for any event.');
    }
    const issues = data.letters.flatMap((row, index) =>
      gathering.cases.includes(row.case)
        ? []
        : [
            {
              path: `letters.${index}.case`,
              code: 'invalid_value',
              message: 'This event does not write for that case.',
            },
          ],
    );
    if (issues.length > 0) throw invalid(issues);
    const answer = (result: ReportResult) => ({
      status: 200,
      body: { letters: result.letters.map(({ caseId, count }) => ({ case: caseId, count })) },
    });
    return acceptWrite(deps, c, {
      kind: 'gatherings',
      claim: key ? { scope: `gathering-reports:${gathering.id}`, key, requestHash: hash } : undefined,
      admit: () => {
        if (gathering.status !== 'approved') {
          throw new HttpError(
            409,
            'not_approved',
            'This event has not been approved yet; its letters can be reported once it is.',
          );
        }
        rejectAutomated(data, 0);
      },
      store: (keyed) =>
        deps.storage.gatherings.report(
          gathering.id,
          data.letters.map((row) => ({ caseId: row.case, count: row.count })),
          keyed,
        ),
      answer,
      stored: (result) => {
        for (const { caseId } of result.changed) announceStats(deps, caseId);
      },
    });
  });

  app.get('/v1/gatherings/:gatheringId/calendar.ics', async (c) => {
    const gathering = await requireGathering(deps, c);
    const where = gathering.onlineUrl
      ? 'Online'
      : `${gathering.city}, ${regionName(gathering.country ?? '')}`;
    const names = gathering.cases.map((id) => deps.campaign.caseConfig(id)?.name ?? id);
    const description = [
      `${gathering.group}: ${deps.campaign.config.name}.`,
      `Writing for ${names.join(', ')}.`,
      `Times are in ${gathering.timeZone}.`,
      ...(gathering.description ? ['', gathering.description] : []),
    ].join('\n');
    const body = calendarFile(
      {
        uid: `${gathering.id}@w4r-gatherings`,
        title: gathering.title,
        description,
        start: gathering.start,
        end: gathering.end,
        stamp: gathering.createdAt,
        location: gathering.onlineUrl ? new URL(gathering.onlineUrl).href : where,
        // Online, the link people join at; in a place, the event's details on this endpoint, since
        // the page the widget lives on is not known here.
        url: gathering.onlineUrl
          ? new URL(gathering.onlineUrl).href
          : `${publicOrigin(c, deps)}/v1/gatherings/${encodeURIComponent(gathering.id)}`,
      },
      `-//w4r-widgets//${deps.campaign.config.name}//EN`,
    );
    return c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="event-${gathering.id}.ics"`,
      'Cache-Control': 'no-cache',
    });
  });
}

const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
function regionName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}
