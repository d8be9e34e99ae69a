/** Metadata stripping of photos: what can locate or identify a supporter goes, the picture stays. */
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import { ImageError, sniffImage, stripMetadata } from '../../src/endpoint/image.js';
import { jpegSegment, jpegWithApp0 } from './support/files.js';

const seg = jpegSegment;

function jpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPS-51.5N', 'latin1')),
    seg(0xe2, Buffer.from('ICC_PROFILE\0keep', 'latin1')),
    seg(0xfe, Buffer.from('taken by Jane', 'latin1')),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

/** A phone's multi-picture JPEG: the photo, indexed by MPF, then a second picture with its own EXIF. */
function multiPictureJpeg(): { file: Buffer; first: Buffer } {
  const scan = (bytes: number[]) =>
    Buffer.concat([seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from(bytes)]);
  // Two scans, as a progressive JPEG has, with a stuffed 0xFF and a restart marker in the data.
  const first = [
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe2, Buffer.from('ICC_PROFILE\0keep', 'latin1')),
    seg(0xe2, Buffer.from('MPF\0II*\0 second picture at 512', 'latin1')),
    scan([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
    seg(0xc4, Buffer.from([0x10, 0, 0])),
    scan([0x78, 0x9a]),
    Buffer.from([0xff, 0xd9]),
  ];
  const second = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe1, Buffer.from('Exif\0\0GPS-48.8N', 'latin1')),
    scan([0xbc]),
    Buffer.from([0xff, 0xd9]),
  ]);
  const motion = Buffer.from('\0\0\0\x18ftypmp42 video GPS-48.8N', 'latin1');
  const kept = first.filter((part) => !part.includes('MPF'));
  return { file: Buffer.concat([...first, second, motion]), first: Buffer.concat(kept) };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([head, Buffer.from(type, 'latin1'), data, crc]);
}

function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', Buffer.from('GPS-51.5N')),
    pngChunk('tEXt', Buffer.from('Author\0Jane')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([
    Buffer.from(fourcc, 'latin1'),
    size,
    data,
    data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
  ]);
}

function webp(): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04; // EXIF and XMP present
  const body = Buffer.concat([
    webpChunk('VP8X', vp8x),
    webpChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])),
    webpChunk('EXIF', Buffer.from('GPS-51.5N')),
    webpChunk('XMP ', Buffer.from('<x:creator>Jane</x:creator>')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);

describe('photo metadata', () => {
  it('recognises formats by their bytes only', () => {
    assert.equal(sniffImage(jpeg()), 'image/jpeg');
    assert.equal(sniffImage(png()), 'image/png');
    assert.equal(sniffImage(webp()), 'image/webp');
    assert.equal(sniffImage(Buffer.from('GIF89a')), null);
  });

  it('drops EXIF and comments from a JPEG and keeps its colour profile and picture', () => {
    const out = stripMetadata('image/jpeg', jpeg());
    assert.ok(!has(out, 'GPS') && !has(out, 'Jane'));
    assert.ok(has(out, 'ICC_PROFILE') && has(out, 'JFIF'));
    assert.deepEqual([...out.subarray(-4)], [0x12, 0x34, 0xff, 0xd9]);
  });

  it('keeps APP0 only when it is JFIF, and a JFIF header without its thumbnail', () => {
    const thumbnail = Buffer.alloc(2 * 2 * 3, 0x7e); // 2×2 RGB pixels of the uncropped original
    const file = jpegWithApp0([
      Buffer.concat([Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\x02\x02', 'latin1'), thumbnail]),
      Buffer.concat([Buffer.from('JFXX\0\x13', 'latin1'), thumbnail]),
      Buffer.from('AVI1 motion JPEG', 'latin1'),
    ]);
    const out = Buffer.from(stripMetadata('image/jpeg', file));
    assert.ok(!has(out, 'JFXX') && !has(out, 'AVI1'));
    assert.ok(!out.includes(thumbnail), 'no thumbnail left');
    const jfif = out.indexOf('JFIF');
    assert.equal(out.readUInt16BE(jfif - 2), 16, 'the JFIF header alone');
    assert.deepEqual([...out.subarray(jfif + 12, jfif + 14)], [0, 0], 'a thumbnail of 0×0');
  });

  it('keeps only the first picture of a multi-picture JPEG, up to its end, without the index of the others', () => {
    const { file, first } = multiPictureJpeg();
    const out = Buffer.from(stripMetadata('image/jpeg', file));
    assert.ok(!has(out, 'GPS') && !has(out, 'MPF') && !has(out, 'ftyp'));
    assert.deepEqual(out, first);
  });

  it('cuts a JPEG that runs into another without its end where the other starts', () => {
    const { file } = multiPictureJpeg();
    const end = file.indexOf(Buffer.from([0xff, 0xd9]));
    const unended = Buffer.concat([file.subarray(0, end), file.subarray(end + 2)]);
    const out = Buffer.from(stripMetadata('image/jpeg', unended));
    assert.ok(!has(out, 'GPS') && !has(out, 'ftyp'));
    assert.equal(out.indexOf(Buffer.from([0xff, 0xd8]), 2), -1, 'one start of image');
  });

  it('drops eXIf and text chunks from a PNG', () => {
    const out = stripMetadata('image/png', png());
    assert.ok(!has(out, 'GPS') && !has(out, 'Jane'));
    assert.ok(has(out, 'IHDR') && has(out, 'IDAT') && has(out, 'IEND'));
  });

  it('keeps nothing after the end of a PNG', () => {
    const { file } = multiPictureJpeg();
    const out = Buffer.from(stripMetadata('image/png', Buffer.concat([png(), file])));
    assert.ok(!has(out, 'GPS'));
    assert.deepEqual([...out.subarray(-8, -4)], [...Buffer.from('IEND')]);
  });

  it('keeps nothing of a WebP beyond its RIFF size', () => {
    const { file } = multiPictureJpeg();
    const out = Buffer.from(stripMetadata('image/webp', Buffer.concat([webp(), file])));
    assert.ok(!has(out, 'GPS'));
    assert.equal(out.readUInt32LE(4), out.length - 8);
    assert.ok(has(out, 'VP8L'));
  });

  it('drops EXIF and XMP from a WebP, clears their flags and fixes the RIFF size', () => {
    const out = Buffer.from(stripMetadata('image/webp', webp()));
    assert.ok(!has(out, 'GPS') && !has(out, 'Jane'));
    assert.equal(out.readUInt32LE(4), out.length - 8);
    assert.equal(out[20]! & 0x0c, 0);
  });

  it('refuses a file whose structure is broken', () => {
    const broken = jpeg().subarray(0, 12);
    assert.throws(() => stripMetadata('image/jpeg', broken), ImageError);
    assert.throws(() => stripMetadata('image/png', png().subarray(0, 30)), ImageError);
  });
});
