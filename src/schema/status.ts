/** Where a message or a photo stands with the moderators: waiting, shown (or kept), or turned down. */
export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;

export type ModerationStatus = (typeof MODERATION_STATUSES)[number];
