import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ModerationRules } from './config.js';
import { moderate, type HeldFor } from './moderation.js';
import type { NewGathering, StoredGathering } from './storage/index.js';
import type * as z from 'zod/mini';
import type { gatheringFields } from '../schema/gathering.js';
import type { PublicGathering } from '../schema/index.js';

/** What a host tells about their event, whether in the form or as a sample in the campaign file. */
type GatheringDetails = z.output<z.ZodMiniObject<typeof gatheringFields>>;

/** Those details as an event is stored: times in UTC, the place as a city and country or a link. */
export function storedDetails(
  given: GatheringDetails,
): Omit<NewGathering, 'id' | 'source' | 'tokenHash' | 'status' | 'heldFor' | 'createdAt'> {
  const place = given.place;
  return {
    group: given.group,
    title: given.title,
    description: given.description || null,
    start: new Date(given.start).toISOString(),
    end: new Date(given.end).toISOString(),
    timeZone: given.timeZone,
    city: 'city' in place ? place.city : null,
    country: 'city' in place ? place.country : null,
    onlineUrl: 'online' in place ? place.online : null,
    cases: given.cases,
    capacity: given.capacity ?? null,
    lang: given.lang ?? null,
    email: given.email,
  };
}

/** An event as anyone may read it: no email, no token, nothing staff-only. */
export function toPublicGathering(gathering: StoredGathering): PublicGathering {
  return {
    id: gathering.id,
    group: gathering.group,
    title: gathering.title,
    ...(gathering.description ? { description: gathering.description } : {}),
    start: gathering.start,
    end: gathering.end,
    timeZone: gathering.timeZone,
    place: gathering.onlineUrl
      ? { online: gathering.onlineUrl }
      : { city: gathering.city ?? '', country: gathering.country ?? '' },
    cases: gathering.cases,
    ...(gathering.capacity !== null ? { capacity: gathering.capacity } : {}),
    participants: gathering.participants,
    ...(gathering.lang ? { lang: gathering.lang } : {}),
    ...(gathering.letters
      ? { letters: gathering.letters.map(({ caseId, count }) => ({ case: caseId, count })) }
      : {}),
  };
}

/** What a moderator sees: the public event, its status and why it waits. Still no email. */
export function toAdminGathering(gathering: StoredGathering) {
  return {
    ...toPublicGathering(gathering),
    status: gathering.status,
    ...(gathering.heldFor.length > 0 ? { heldFor: gathering.heldFor } : {}),
    createdAt: gathering.createdAt,
  };
}

/**
 * Held as a message would be on each of its cases (a link in the description, a blocked word, `pre`
 * moderation): an event shows at once only when every case it writes for would show it.
 */
export function moderateGathering(
  rules: readonly ModerationRules[],
  fields: { group: string; title: string; description?: string | undefined },
): { status: 'approved' | 'pending'; heldFor: HeldFor[] } {
  const heldFor = new Set<HeldFor>();
  for (const rule of rules) {
    const verdict = moderate(rule, {
      name: `${fields.group}\n${fields.title}`,
      text: fields.description ?? '',
    });
    for (const reason of verdict.heldFor) heldFor.add(reason);
  }
  return { status: heldFor.size === 0 ? 'approved' : 'pending', heldFor: [...heldFor] };
}

/** A host's private edit token, and the digest that is stored instead of it. */
export function newEditToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Whether `token` is the one whose digest is `hash`, in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  const given = Buffer.from(tokenHash(token));
  const expected = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
