import * as z from 'zod/mini';
import { MODERATION_STATUSES } from './status.js';

/** Photo formats the endpoint accepts, recognised by their first bytes rather than their name. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Largest photo of letters the endpoint takes, in bytes (5 MB). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The format of a photo from its first bytes (JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`,
 * WebP `RIFF….WEBP`), or undefined for anything else: a renamed file is caught on both sides.
 */
export function sniffPhotoType(head: Uint8Array): PhotoType | undefined {
  const at = (offset: number, bytes: number[]) => bytes.every((byte, i) => head[offset + i] === byte);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return undefined;
}

/** `POST /v1/cases/:id/photos` answers 201 with this: the photo waits for a moderator. */
export const photoReceipt = z.object({
  id: z.string().check(z.minLength(1)),
  status: z.literal(MODERATION_STATUSES),
});

export type PhotoReceipt = z.infer<typeof photoReceipt>;
