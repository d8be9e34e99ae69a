import * as z from 'zod/mini';

/** Where a message or a photo stands with the moderators: waiting, shown, or refused. */
export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const moderationStatus = z.literal(MODERATION_STATUSES);

export type ModerationStatus = (typeof MODERATION_STATUSES)[number];
