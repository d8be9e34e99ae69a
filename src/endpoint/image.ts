/**
 * Recognises JPEG, PNG and WebP by their first bytes (never by name or declared type) and strips the
 * metadata that can give a supporter away — EXIF (with GPS position, camera serial, time), XMP,
 * comments, text chunks, and any further picture appended after the first — while leaving the
 * first picture's pixels and colour profile alone.
 */

import { sniffPhotoType, type PhotoType } from '../schema/photo.js';

export type ImageType = PhotoType;

export const EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export class ImageError extends Error {}

/** The photo's format from its first bytes (the same test the widgets run), or null. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  return sniffPhotoType(bytes) ?? null;
}

/** The same image without metadata; throws ImageError when the file is not well formed. */
export function stripMetadata(type: ImageType, bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(buffer);
    case 'image/png':
      return stripPng(buffer);
    case 'image/webp':
      return stripWebp(buffer);
  }
}

/** The fields of a JFIF header before its thumbnail: identifier, version, units and densities. */
const JFIF_HEADER = 14;

/**
 * The JPEG segment (marker, length and data) as it is kept, or null when it goes. Kept: every segment
 * but application data and comments, and of those only JFIF (APP0 "JFIF", without its thumbnail), the
 * colour profile (APP2 "ICC_PROFILE") and Adobe's colour transform (APP14). EXIF and XMP (APP1),
 * JFXX and other APP0 (whose thumbnails can show the uncropped original), Photoshop/IPTC (APP13), the
 * multi-picture index of a phone's extra images (APP2 "MPF") and any vendor's other data go.
 */
function keptJpegSegment(marker: number, segment: Buffer): Buffer | null {
  const data = segment.subarray(4);
  if (marker === 0xfe) return null;
  if (marker < 0xe0 || marker > 0xef) return segment;
  if (marker === 0xe0) {
    if (data.length < JFIF_HEADER || data.toString('latin1', 0, 5) !== 'JFIF\0') return null;
    if (data.length === JFIF_HEADER) return segment;
    const header = Buffer.from(segment.subarray(0, 4 + JFIF_HEADER));
    header.writeUInt16BE(2 + JFIF_HEADER, 2);
    header[4 + 12] = 0; // thumbnail width
    header[4 + 13] = 0; // thumbnail height
    return header;
  }
  if (marker === 0xe2) return data.toString('latin1', 0, 12) === 'ICC_PROFILE\0' ? segment : null;
  if (marker === 0xee) return data.toString('latin1', 0, 5) === 'Adobe' ? segment : null;
  return null;
}

/** Where a scan's entropy-coded data ends: at the next marker that is not a stuffed byte or a restart. */
function jpegScanEnd(buf: Buffer, from: number): number {
  for (let pos = from; ; pos++) {
    pos = buf.indexOf(0xff, pos);
    if (pos < 0 || pos + 1 >= buf.length) return buf.length;
    const next = buf[pos + 1]!;
    if (next !== 0x00 && (next < 0xd0 || next > 0xd7)) return pos;
  }
}

/**
 * JPEG: keeps the first image only, up to its end (EOI), without its metadata segments. Whatever a
 * phone appends after it (the other pictures of a multi-picture file, an HDR gain map, the video of a
 * motion photo) has its own EXIF, with the same GPS position, so it is cut off.
 */
function stripJpeg(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let pos = 2;
  let scanned = false;
  // A file that stops inside its last scan, without EOI, is kept as far as it goes.
  while (pos < buf.length) {
    if (pos + 2 > buf.length || buf[pos] !== 0xff) throw new ImageError('Broken JPEG segment.');
    const marker = buf[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xd8) {
      // End of the image, or the start of another where this one should have ended.
      if (!scanned) throw new ImageError('JPEG without a picture.');
      if (marker === 0xd9) parts.push(buf.subarray(pos, pos + 2));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(buf.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > buf.length) throw new ImageError('Broken JPEG segment.');
    const end = pos + 2 + buf.readUInt16BE(pos + 2);
    if (end < pos + 4 || end > buf.length) throw new ImageError('Broken JPEG segment length.');
    const kept = keptJpegSegment(marker, buf.subarray(pos, end));
    if (kept) parts.push(kept);
    pos = end;
    if (marker === 0xda) {
      // Start of scan: the compressed picture follows its header, up to the next marker.
      const scanEnd = jpegScanEnd(buf, pos);
      parts.push(buf.subarray(pos, scanEnd));
      pos = scanEnd;
      scanned = true;
    }
  }
  if (!scanned) throw new ImageError('JPEG without a picture.');
  return Buffer.concat(parts);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: drops eXIf, text and time chunks; stops at IEND. A picture starts with IHDR and has IDAT. */
function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let pos = 8;
  let ended = false;
  let pixels = false;
  while (!ended) {
    if (pos + 12 > buf.length) throw new ImageError('Broken PNG chunk.');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > buf.length || !/^[A-Za-z]{4}$/.test(type)) throw new ImageError('Broken PNG chunk.');
    if (pos === 8 && (type !== 'IHDR' || length !== 13)) throw new ImageError('PNG without a header.');
    if (!PNG_DROP.has(type)) parts.push(buf.subarray(pos, end));
    pixels ||= type === 'IDAT' && length > 0;
    ended = type === 'IEND';
    pos = end;
  }
  if (!pixels) throw new ImageError('PNG without a picture.');
  return Buffer.concat(parts);
}

/** WebP chunks that hold a picture: lossy, lossless, or an animation's frame. */
const WEBP_PICTURE = new Set(['VP8 ', 'VP8L', 'ANMF']);

/**
 * WebP: drops EXIF and XMP chunks and clears their flags in VP8X; rewrites the RIFF size. A picture has
 * a VP8, VP8L or animation frame chunk.
 */
function stripWebp(buf: Buffer): Buffer {
  if (buf.length < 12) throw new ImageError('Broken WebP header.');
  const riffSize = buf.readUInt32LE(4);
  const end = Math.min(buf.length, 8 + riffSize);
  const parts: Buffer[] = [];
  let pos = 12;
  let pixels = false;
  while (pos < end) {
    if (pos + 8 > end) throw new ImageError('Broken WebP chunk.');
    const fourcc = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const next = pos + 8 + size + (size % 2);
    if (pos + 8 + size > end) throw new ImageError('Broken WebP chunk.');
    pixels ||= WEBP_PICTURE.has(fourcc) && size > 0;
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      let chunk = buf.subarray(pos, Math.min(next, end));
      if (fourcc === 'VP8X' && size >= 1) {
        chunk = Buffer.from(chunk);
        chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      }
      parts.push(chunk);
    }
    pos = next;
  }
  if (!pixels) throw new ImageError('WebP without a picture.');
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
