import type { Deps } from './deps.js';

/** One case in a retention run: its rule, and what went (or, in a dry run, would go). */
export interface CaseRetention {
  id: string;
  closes: string | null;
  personalDataDays: number;
  /** When its personal data is due to go; null for a case that has not closed. */
  expires: string | null;
  due: boolean;
  signatures: number;
  messages: number;
  photos: number;
}

export interface RetentionReport {
  dryRun: boolean;
  now: string;
  cases: CaseRetention[];
}

type RetentionDeps = Pick<Deps, 'campaign' | 'storage' | 'photos' | 'now'>;

const PHOTO_BATCH = 100;

/** Removes the case's kept photo files, each before its row says so, so none is forgotten on disk. */
async function removePhotos(deps: RetentionDeps, caseId: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const photos = await deps.storage.keptPhotos(caseId, PHOTO_BATCH);
    deps.photos.removeDurably(photos.map((photo) => photo.file));
    for (const photo of photos) await deps.storage.photoRemoved(photo.id);
    removed += photos.length;
    if (photos.length < PHOTO_BATCH) return removed;
  }
}

/**
 * Anonymises the personal data of every case (or of `caseId`) kept past its retention: the
 * signatures' names and emails, message authors' names, photo files. A dry run changes nothing and
 * answers what would go. Running it again after an interruption finishes what was left.
 */
export async function runRetention(
  deps: RetentionDeps,
  options: { dryRun: boolean; caseId?: string | undefined },
): Promise<RetentionReport> {
  const now = deps.now();
  const ids = options.caseId === undefined ? deps.campaign.ids : [options.caseId];
  const cases: CaseRetention[] = [];
  for (const id of ids) {
    const rule = deps.campaign.retention(id);
    const due = rule.expires !== null && rule.expires.getTime() <= now.getTime();
    let found = { signatures: 0, messages: 0, photos: 0 };
    if (due && options.dryRun) found = await deps.storage.personalData(id);
    else if (due) {
      const rows = await deps.storage.anonymise(id);
      found = { ...rows, photos: await removePhotos(deps, id) };
    }
    cases.push({
      id,
      closes: rule.closes,
      personalDataDays: rule.personalDataDays,
      expires: rule.expires?.toISOString() ?? null,
      due,
      ...found,
    });
  }
  return { dryRun: options.dryRun, now: now.toISOString(), cases };
}

const DAY_MS = 24 * 3600_000;
/** The first run waits this long after the start, so a start stays quick and a restart loop purges once. */
const FIRST_RUN_MS = 10 * 60_000;

/**
 * Runs retention ten minutes after the start and then daily. Answers a function that stops it; a
 * run under way when the endpoint stops is cut off and finished by the next one.
 */
export function scheduleRetention(deps: RetentionDeps, log: (line: string) => void): () => void {
  let stopped = false;
  const run = async () => {
    try {
      const report = await runRetention(deps, { dryRun: false });
      for (const item of report.cases) {
        if (item.signatures + item.messages + item.photos === 0) continue;
        log(
          `retention: ${item.id}: anonymised ${item.signatures} signatures, ${item.messages} messages, removed ${item.photos} photos`,
        );
      }
    } catch (error) {
      if (!stopped) log(`retention: the run failed and is tried again tomorrow: ${(error as Error).message}`);
    }
  };
  const first = setTimeout(() => void run(), FIRST_RUN_MS);
  const daily = setInterval(() => void run(), DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(daily);
  };
}
