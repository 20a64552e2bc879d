import { ImageNotReadable, imageKind, withoutMetadata } from './image-metadata.js';

const text = (s: string) => [...Buffer.from(s, 'latin1')];
/** A JPEG segment: marker, then a length that counts itself. */
const segment = (marker: number, body: number[]) => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];
/** A PNG chunk (the CRC is not checked here, so zeros do). */
const chunk = (type: string, body: number[]) => [
  (body.length >>> 24) & 0xff,
  (body.length >>> 16) & 0xff,
  (body.length >>> 8) & 0xff,
  body.length & 0xff,
  ...text(type),
  ...body,
  0,
  0,
  0,
  0,
];
const has = (bytes: Uint8Array, s: string) => Buffer.from(bytes).includes(Buffer.from(s, 'latin1'));

describe('metadata out of images', () => {
  const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]; // stuffed FF and a restart marker
  const jpeg = Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, text('JFIF\0\x01\x01')),
    ...segment(0xe1, text('Exif\0\0GPSLatitude 31.2304 N, Model iPhone')),
    ...segment(0xe1, text('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>creator</x:xmpmeta>')),
    ...segment(0xe2, text('ICC_PROFILE\0\x01\x01sRGB')),
    ...segment(0xed, text('Photoshop 3.0\0IPTC by-line')),
    ...segment(0xfe, text('taken by Zhang San')),
    ...segment(0xdb, [0x00, 0x01, 0x02]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    ...scan,
    0xff,
    0xd9,
    // A phone's second picture after the end, with its own EXIF.
    0xff,
    0xd8,
    ...segment(0xe1, text('Exif\0\0second GPS')),
  ]);

  it('keeps a JPEG’s picture, JFIF, colour profile and tables, and drops EXIF, XMP, IPTC and comments', () => {
    expect(imageKind(jpeg)).toBe('jpeg');
    const clean = withoutMetadata(jpeg);
    for (const gone of ['Exif', 'GPS', 'iPhone', 'xmpmeta', 'Photoshop', 'Zhang', 'second'])
      expect(has(clean, gone)).toBe(false);
    for (const kept of ['JFIF', 'ICC_PROFILE', 'sRGB']) expect(has(clean, kept)).toBe(true);
    expect(Buffer.from(clean).includes(Buffer.from([0xff, 0xdb, 0x00, 0x05, 0x00, 0x01, 0x02]))).toBe(true);
    expect(Buffer.from(clean).includes(Buffer.from([...scan, 0xff, 0xd9]))).toBe(true);
    expect([...clean.subarray(-2)]).toEqual([0xff, 0xd9]);
    // Cleaning twice changes nothing more.
    expect(withoutMetadata(clean)).toEqual(clean);
  });

  it('drops a PNG’s text, EXIF and time and keeps its image chunks', () => {
    const png = Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
      ...chunk('tEXt', text('Author\0Zhang San')),
      ...chunk('iTXt', text('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>')),
      ...chunk('eXIf', text('MM\0*GPS')),
      ...chunk('tIME', [0x07, 0xea, 12, 1, 8, 0, 0]),
      ...chunk('IDAT', [0x78, 0x9c, 0x63, 0x60]),
      ...chunk('IEND', []),
    ]);
    expect(imageKind(png)).toBe('png');
    const clean = withoutMetadata(png);
    for (const gone of ['tEXt', 'Zhang', 'iTXt', 'xmpmeta', 'eXIf', 'GPS', 'tIME'])
      expect(has(clean, gone)).toBe(false);
    for (const kept of ['IHDR', 'IDAT', 'IEND']) expect(has(clean, kept)).toBe(true);
  });

  it('refuses what it cannot read rather than keep it as it came', () => {
    expect(imageKind(Buffer.from('GIF89a'))).toBeUndefined();
    expect(() => withoutMetadata(Buffer.from('GIF89a'))).toThrow(ImageNotReadable);
    expect(() => withoutMetadata(jpeg.subarray(0, 40))).toThrow(ImageNotReadable);
  });
});
