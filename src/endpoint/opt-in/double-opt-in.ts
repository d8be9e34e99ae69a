import { randomUUID } from 'node:crypto';
import type { Campaign } from '../config.js';
import { normalizeEmail, type NewDelivery, type Report, type SignatureResult } from '../storage/index.js';
import { makeToken, readToken, type TokenReading } from './token.js';
import { fill, wordingFor } from './wording.js';

/** The outbox target of confirmation emails. */
export const EMAIL_TARGET = 'email:';

/** A confirmation email as the outbox keeps it, ready to send. */
export interface OptInMail {
  to: string;
  lang: string;
  subject: string;
  text: string;
}

export interface DoubleOptInSettings {
  /** The key confirmation tokens are signed with. */
  secret: string;
  /** Where the endpoint is opened (`W4R_PUBLIC_URL`), for the link. */
  publicUrl: string;
  /** How long a link works. */
  linkDays: number;
}

/**
 * Double opt-in: a signer who ticks the newsletter box is written down as `pending` with an opt-in
 * id, and a confirmation email in their language goes to the outbox in the same transaction. Its
 * link carries a signed token naming the id, which `GET /v1/confirm/:token` turns into `confirmed`.
 */
export class DoubleOptIn {
  constructor(
    private readonly settings: DoubleOptInSettings,
    private readonly campaign: Campaign,
  ) {}

  /** The id to store with a signature whose opt-in waits, and the email to report with it. */
  begin(
    signer: { caseId: string; firstName: string; email: string; createdAt: string },
    lang: string,
  ): { optInId: string; report: Report<SignatureResult> } {
    const optInId = randomUUID();
    const expires = new Date(Date.parse(signer.createdAt) + this.settings.linkDays * 86_400_000);
    const link = new URL(
      `/v1/confirm/${makeToken(this.settings.secret, optInId, expires, lang)}`,
      this.settings.publicUrl,
    ).href;
    const words = wordingFor(lang);
    const caseName = this.campaign.localized(signer.caseId, [lang])?.name ?? signer.caseId;
    const values = { firstName: signer.firstName, caseName, link, days: this.settings.linkDays };
    const mail: OptInMail = {
      to: signer.email,
      lang,
      subject: fill(words.subject, values),
      text: fill(words.email, values),
    };
    const row: NewDelivery = {
      eventId: randomUUID(),
      target: EMAIL_TARGET,
      type: 'opt-in.email',
      caseId: signer.caseId,
      body: JSON.stringify(mail),
      subject: normalizeEmail(signer.email),
      createdAt: signer.createdAt,
    };
    // A repeat signature asks for nothing new: its first email stands.
    return { optInId, report: (result) => (result.added ? [row] : []) };
  }

  read(token: string, now: Date): TokenReading {
    return readToken(this.settings.secret, token, now);
  }
}

/** Both reports' rows, in one transaction. */
export function bothReports<T>(a: Report<T> | undefined, b: Report<T> | undefined): Report<T> | undefined {
  if (!a || !b) return a ?? b;
  return (value) => [...a(value), ...b(value)];
}
