import './zod-locale.js';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { caseSchema, isoDate, langTag, wholeNumber, type Case } from '../schema/index.js';
import { source } from '../schema/common.js';
import { gatheringFields, gatheringTimes } from '../schema/gathering.js';
import { caseTranslation, translateCase, translationGaps, type SourceCase } from './translation.js';
import { webhookSettings } from './webhooks/settings.js';

const moderationMode = z.literal(['pre', 'auto']);

const caseModeration = z.strictObject({
  /** `pre`: every message waits for a moderator; `auto`: shown at once unless held for a reason. */
  mode: z.optional(moderationMode),
  blockedWords: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100)))),
  /** Hold messages that contain a link or a domain name, even in `auto` mode. */
  holdLinks: z.optional(z.boolean()),
});

const positiveInt = z.number().check(wholeNumber, z.positive());

/** Days personal data is kept after a case closes: 0 (purged at once) to a hundred years. */
const retentionDays = z.number().check(wholeNumber, z.minimum(0), z.maximum(36_500));
export const DEFAULT_RETENTION_DAYS = 730;

const caseConfig = z.strictObject({
  ...caseSchema.shape,
  translations: z.optional(z.record(langTag, caseTranslation)),
  moderation: z.optional(caseModeration),
  /**
   * When the case closes: the campaign for it is over, and retention counts from here. Defaults to
   * the petition's `closes`; a case with neither keeps its data until it is given one.
   */
  closes: z.optional(isoDate),
  retention: z.optional(z.strictObject({ personalDataDays: retentionDays })),
});

/** An event the campaign announces itself: its `id` is kept, so starting again adds it once. */
const sampleGathering = z
  .strictObject({ id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/)), ...gatheringFields })
  .check(...gatheringTimes);

const origin = z.string().check(
  z.refine((value) => value === '*' || isOrigin(value), {
    message: 'An origin such as "https://partner.example.org" (scheme, host and port only), or "*".',
  }),
);

export const campaignConfig = z.strictObject({
  id: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/))),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  defaultLocale: z._default(langTag, 'en'),
  privacyHref: z.optional(z.url({ protocol: /^https?$/ })),
  /** The version of the consent wording; stored with each signature that does not say its own. */
  consentVersion: z._default(z.string().check(z.regex(/^[\w.-]{1,32}$/)), '1'),
  /** Origins whose pages may write to this endpoint (CORS); `["*"]` for any. */
  origins: z.array(origin).check(z.minLength(1)),
  moderation: z._default(
    z.strictObject({
      mode: z._default(moderationMode, 'pre'),
      blockedWords: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))), []),
      holdLinks: z._default(z.boolean(), true),
    }),
    { mode: 'pre', blockedWords: [], holdLinks: true },
  ),
  /** Per client IP, per kind of action, per window. */
  limits: z.strictObject({
    windowSeconds: positiveInt,
    signatures: positiveInt,
    messages: positiveInt,
    letters: positiveInt,
    uploads: positiveInt,
    /** Events hosted and reports sent back. */
    gatherings: z._default(positiveInt, 5),
    /** "I'll come" clicks. */
    joins: z._default(positiveInt, 20),
    /** Live streams one client may hold open at once (a whole office or school may share one IP). */
    streams: z._default(positiveInt, 100),
  }),
  /** How long supporters' personal data is kept after a case closes; a case may say its own. */
  retention: z._default(
    z.strictObject({ personalDataDays: z._default(retentionDays, DEFAULT_RETENTION_DAYS) }),
    { personalDataDays: DEFAULT_RETENTION_DAYS },
  ),
  /** A form sent sooner than this after it opened is taken for a bot's. */
  minFillMs: z._default(z.number().check(wholeNumber, z.minimum(0)), 0),
  cases: z.array(caseConfig).check(z.minLength(1)),
  /** Newsletter opt-ins: with `doubleOptIn`, each waits for the signer to confirm it by email. */
  optIn: z._default(
    z.strictObject({
      doubleOptIn: z._default(z.boolean(), false),
      /** Days a confirmation link works. */
      linkDays: z._default(z.number().check(wholeNumber, z.minimum(1), z.maximum(60)), 7),
    }),
    { doubleOptIn: false, linkDays: 7 },
  ),
  /**
   * Partners that may read their own numbers (`GET /v1/admin/reports`, `reports.html`) with a token of
   * their own: only the hex SHA-256 of it is written here.
   */
  partners: z._default(
    z.array(
      z.strictObject({
        source,
        tokenHash: z
          .string()
          .check(z.regex(/^[0-9a-f]{64}$/, 'The hex SHA-256 of the token (64 characters 0-9a-f).')),
      }),
    ),
    [],
  ),
  /** Receivers told of each action as it happens (signed, retried, at least once). */
  webhooks: z._default(z.array(webhookSettings), []),
  /** Sample letter-writing events, stored as approved when the endpoint starts. */
  gatherings: z._default(z.array(sampleGathering), []),
});

export type CampaignConfig = z.output<typeof campaignConfig>;
export type CaseConfig = CampaignConfig['cases'][number];
export type RateLimitKind = 'signatures' | 'messages' | 'letters' | 'uploads' | 'gatherings' | 'joins';

/** When a case's personal data is due to go: `expires` is null for a case that has not closed. */
export interface RetentionRule {
  closes: string | null;
  personalDataDays: number;
  expires: Date | null;
}

export interface ModerationRules {
  mode: 'pre' | 'auto';
  blockedWords: string[];
  holdLinks: boolean;
}

/** The campaign, validated, with each case's localized versions ready to serve. */
export interface Campaign {
  config: CampaignConfig;
  /** Case ids in the file's order. */
  ids: string[];
  caseConfig(id: string): CaseConfig | undefined;
  /** The case in the best language for `wanted` (in preference order), else in its source language. */
  localized(id: string, wanted: readonly string[]): Case | undefined;
  moderation(id: string): ModerationRules;
  retention(id: string): RetentionRule;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid campaign file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `cases[2].petition.goal` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}

/** Validates a parsed campaign file; throws ConfigError naming every bad field. */
export function buildCampaign(raw: unknown, file = 'campaign file'): Campaign {
  const parsed = campaignConfig.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  const config = parsed.data;
  const problems: string[] = [];
  const byId = new Map<string, CaseConfig>();
  // Per case: language -> the case in that language.
  const versions = new Map<string, Map<string, Case>>();

  config.cases.forEach((entry, index) => {
    if (byId.has(entry.id)) problems.push(`cases[${index}].id: "${entry.id}" is used by another case.`);
    byId.set(entry.id, entry);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- these are not part of the public case
    const { translations, moderation, closes, retention, ...base } = entry;
    const source: SourceCase = { ...base, lang: base.lang ?? config.defaultLocale };
    const langs = new Map<string, Case>([[source.lang.toLowerCase(), source]]);
    for (const [tag, translation] of Object.entries(translations ?? {})) {
      const where = (path: readonly PropertyKey[]) =>
        formatPath(['cases', index, 'translations', tag, ...path]);
      const gaps = translationGaps(source, translation);
      for (const gap of gaps) problems.push(`${where(gap.path)}: ${gap.message}`);
      if (gaps.length > 0) continue;
      const merged = caseSchema.safeParse(translateCase(source, translation, translation.lang ?? tag));
      if (!merged.success) {
        for (const issue of merged.error.issues) problems.push(`${where(issue.path)}: ${issue.message}`);
        continue;
      }
      langs.set(tag.toLowerCase(), merged.data);
    }
    versions.set(entry.id, langs);
  });
  const urls = new Set<string>();
  config.webhooks.forEach((hook, index) => {
    if (urls.has(hook.url)) problems.push(`webhooks[${index}].url: "${hook.url}" is listed twice.`);
    urls.add(hook.url);
  });
  const hashes = new Set<string>();
  config.partners.forEach((partner, index) => {
    if (hashes.has(partner.tokenHash))
      problems.push(`partners[${index}].tokenHash: another partner has the same token.`);
    hashes.add(partner.tokenHash);
  });
  config.gatherings.forEach((sample, index) => {
    sample.cases.forEach((id, at) => {
      if (!byId.has(id)) problems.push(`gatherings[${index}].cases[${at}]: there is no case "${id}".`);
    });
  });
  if (problems.length > 0) throw new ConfigError(file, problems);

  return {
    config,
    ids: config.cases.map((entry) => entry.id),
    caseConfig: (id) => byId.get(id),
    localized(id, wanted) {
      const langs = versions.get(id);
      const entry = byId.get(id);
      if (!langs || !entry) return undefined;
      for (const tag of wanted) {
        const lower = tag.toLowerCase();
        const exact = langs.get(lower) ?? langs.get(lower.split('-')[0]!);
        if (exact) return exact;
      }
      return langs.get((entry.lang ?? config.defaultLocale).toLowerCase());
    },
    moderation(id) {
      const own = byId.get(id)?.moderation ?? {};
      return {
        mode: own.mode ?? config.moderation.mode,
        blockedWords: own.blockedWords ?? config.moderation.blockedWords,
        holdLinks: own.holdLinks ?? config.moderation.holdLinks,
      };
    },
    retention(id) {
      const entry = byId.get(id);
      const closes = entry?.closes ?? entry?.petition?.closes ?? null;
      const personalDataDays = entry?.retention?.personalDataDays ?? config.retention.personalDataDays;
      const expires = closes === null ? null : new Date(Date.parse(closes) + personalDataDays * 86_400_000);
      return { closes, personalDataDays, expires };
    },
  };
}

/** Reads and validates the campaign file at `file`; throws ConfigError with every problem found. */
export function loadCampaign(file: string): Campaign {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return buildCampaign(raw, file);
}
