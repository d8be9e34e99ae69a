import * as z from 'zod/mini';
import {
  antiAbuseFields,
  countryCode,
  isoDateTime,
  personName,
  source,
  typedText,
  wholeNumber,
} from './common.js';

export const MESSAGE_MAX_LENGTH = 500;

/** A message of solidarity as a supporter posts it. */
export const messageInput = z.strictObject({
  name: personName(60),
  country: z.optional(countryCode),
  text: typedText(1, MESSAGE_MAX_LENGTH),
  source: z.optional(source),
  ...antiAbuseFields,
});

export type MessageInput = z.input<typeof messageInput>;

/** A message as anyone may read it: no email, no address, nothing but what the writer chose to show. */
export const publicMessage = z.object({
  id: z.string(),
  name: z.string(),
  country: z.optional(countryCode),
  text: z.string(),
  createdAt: isoDateTime,
});

export type PublicMessage = z.infer<typeof publicMessage>;

/** One page of approved messages, newest first; `nextCursor` is null on the last page. */
export const messagePage = z.object({
  items: z.array(publicMessage),
  nextCursor: z.nullable(z.string()),
  total: z.number().check(wholeNumber, z.minimum(0)),
});

export type MessagePage = z.infer<typeof messagePage>;

export const messageReceipt = z.object({
  id: z.string(),
  /** `approved` is on the wall now; `pending` waits for a moderator. */
  status: z.literal(['approved', 'pending']),
});

export type MessageReceipt = z.infer<typeof messageReceipt>;
