import * as z from 'zod/mini';
import { antiAbuseFields, countryCode, emailAddress, langTag, personName, source } from './common.js';
import { statsSchema } from './stats.js';

/** What a supporter sends to sign a case's petition. Unknown fields are refused. */
export const signatureInput = z.strictObject({
  firstName: personName(80),
  lastName: personName(80),
  email: z.string().check(z.trim(), z.maxLength(254, 'At most 254 characters.'), emailAddress),
  country: countryCode,
  consent: z.literal(true, 'Consent is needed to sign.'),
  /** Wants campaign updates by email; never checked for them. */
  optIn: z.optional(z.boolean()),
  /** The signer's language, for the email that confirms the opt-in. */
  locale: z.optional(langTag),
  source: z.optional(source),
  /** The version of the consent wording the signer saw. */
  consentVersion: z.optional(z.string().check(z.regex(/^[\w.-]{1,32}$/))),
  ...antiAbuseFields,
});

export type SignatureInput = z.input<typeof signatureInput>;
export type Signature = z.output<typeof signatureInput>;

/**
 * The endpoint's answer to a signature. A repeat of the same email is answered the same way, and the
 * stats' signatures are the public count, which moves in coarse steps (never by exactly one), so the
 * answer never tells whether someone had signed.
 */
export const signatureReceipt = z.object({
  status: z.literal('counted'),
  stats: statsSchema,
});

export type SignatureReceipt = z.infer<typeof signatureReceipt>;
