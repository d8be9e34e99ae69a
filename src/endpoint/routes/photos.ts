import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { source as sourceSchema } from '../../schema/common.js';
import { PHOTO_MAX_BYTES } from '../../schema/photo.js';
import { DECISIONS } from '../decisions.js';
import type { Deps, Env } from '../deps.js';
import { caseParam, refuseOverLimit, requireCase, statusParam } from '../guards.js';
import { digest, HttpError, idempotencyKey, invalid, limitParam, mediaType, readBody } from '../http.js';
import { EXTENSIONS, ImageError, sniffImage, stripMetadata } from '../image.js';
import type { StoredPhoto } from '../storage/index.js';
import { toAdminPhoto } from '../views.js';
import { acceptWrite } from '../write.js';

export const PHOTO_LIMIT = PHOTO_MAX_BYTES;

export function photoRoutes(app: Hono<Env>, deps: Deps): void {
  app.post('/v1/cases/:id/photos', async (c) => {
    const { id, config } = requireCase(deps, c);
    if (!config.letter) {
      throw new HttpError(404, 'not_found', 'This case has no letter, so it takes no photo of one.');
    }
    const key = idempotencyKey(c);
    // Without a key it cannot be a retry: over the limit, it is refused before its 5 MB are read.
    if (key === undefined) await refuseOverLimit(deps, c, 'uploads');
    if (mediaType(c) !== 'multipart/form-data') {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'Send the photo as multipart/form-data, field "photo".',
      );
    }
    // The form's own overhead on top of the photo's 5 MB.
    const bytes = await readBody(c, PHOTO_LIMIT + 64 * 1024);
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'Content-Type': c.req.header('content-type')! },
      }).formData();
    } catch {
      throw invalid([{ path: 'photo', code: 'invalid_type', message: 'The form could not be read.' }]);
    }
    const file = form.get('photo');
    if (!(file instanceof Blob)) {
      throw invalid([{ path: 'photo', code: 'invalid_type', message: 'A file in the field "photo".' }]);
    }
    if (file.size > PHOTO_LIMIT)
      throw new HttpError(413, 'payload_too_large', 'A photo may be 5 MB at most.');
    const rawSource = form.get('source');
    const source =
      typeof rawSource === 'string' && rawSource !== '' ? sourceSchema.safeParse(rawSource) : null;
    if (source && !source.success) {
      throw invalid([{ path: 'source', code: 'invalid_format', message: source.error.issues[0]!.message }]);
    }
    const original = new Uint8Array(await file.arrayBuffer());
    const type = sniffImage(original);
    if (!type)
      throw new HttpError(415, 'unsupported_media_type', 'A photo must be a JPEG, PNG or WebP image.');
    let clean: Uint8Array;
    try {
      clean = stripMetadata(type, original);
    } catch (error) {
      if (error instanceof ImageError) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          'The image is damaged or not a real JPEG, PNG or WebP.',
        );
      }
      throw error;
    }

    const photoId = randomUUID();
    const fileName = `${photoId}.${EXTENSIONS[type]}`;
    const hash = digest(original, source?.data ?? '');
    const answer = (photo: StoredPhoto) => ({ status: 201, body: { id: photo.id, status: photo.status } });
    return acceptWrite(deps, c, {
      kind: 'uploads',
      claim: key ? { scope: `photos:${id}`, key, requestHash: hash } : undefined,
      store: async (keyed) => {
        deps.photos.write(fileName, clean);
        try {
          const outcome = await deps.storage.addPhoto(
            {
              id: photoId,
              caseId: id,
              type,
              size: clean.byteLength,
              file: fileName,
              source: source?.data ?? null,
              createdAt: deps.now().toISOString(),
            },
            keyed,
          );
          if (outcome.kind !== 'done') deps.photos.remove(fileName);
          return outcome;
        } catch (error) {
          deps.photos.remove(fileName);
          throw error;
        }
      },
      answer,
    });
  });

  app.get('/v1/admin/photos', async (c) => {
    const page = await deps.storage.listPhotos({
      status: statusParam(c),
      caseId: caseParam(deps, c),
      cursor: c.req.query('cursor'),
      limit: limitParam(c, 50, 200),
    });
    return c.json({ items: page.items.map(toAdminPhoto), nextCursor: page.nextCursor, total: page.total });
  });

  app.get('/v1/admin/photos/:photoId', async (c) => {
    const photo = await deps.storage.getPhoto(c.req.param('photoId'));
    if (!photo) throw new HttpError(404, 'not_found', 'There is no such photo.');
    const bytes = deps.photos.read(photo.file);
    if (!bytes) throw new HttpError(404, 'not_found', 'The photo was removed.');
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        ...Object.fromEntries(c.res.headers),
        'Content-Type': photo.type,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  for (const [action, status] of DECISIONS) {
    app.post(`/v1/admin/photos/:photoId/${action}`, async (c) => {
      const photo = await deps.storage.setPhotoStatus(
        c.req.param('photoId'),
        status,
        deps.events.photoDecided(deps.now().toISOString()),
      );
      if (!photo) throw new HttpError(404, 'not_found', 'There is no such photo.');
      if (photo.status !== status) {
        throw new HttpError(
          409,
          'already_rejected',
          'This photo was rejected and its file deleted; it cannot be approved.',
        );
      }
      // A rejected photo is not kept: nobody will ever look at it again.
      if (status === 'rejected') deps.photos.remove(photo.file);
      return c.json({ id: photo.id, status });
    });
  }
}
