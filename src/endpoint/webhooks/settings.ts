import * as z from 'zod/mini';
import { webhookUrlProblem } from './address.js';

/** What a webhook can be told about, in the order an action's life goes. */
export const WEBHOOK_EVENTS = [
  'signature.created',
  'signature.confirmed',
  'message.approved',
  'letter.reported',
  'photo.approved',
  'supporter.erased',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const webhookUrl = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }),
);

/** One receiver in the campaign file's `webhooks`. */
export const webhookSettings = z.strictObject({
  url: webhookUrl,
  events: z.array(z.literal(WEBHOOK_EVENTS)).check(z.minLength(1)),
  /** The HMAC key the receiver checks `W4R-Signature` with: at least 24 characters. */
  secret: z.string().check(z.minLength(24), z.maxLength(512)),
  /** Send the signer's email in the events that concern them. */
  includeEmail: z.optional(z.boolean()),
});

export type WebhookSettings = z.output<typeof webhookSettings>;
