/**
 * Metadata taken out of images before they are kept (issue 18: a whistle-blower's photo must not say
 * where or with what it was taken). Byte-level, without decoding: the picture is untouched.
 *
 * JPEG: APP1 (EXIF, XMP), APP3–APP13 (IPTC, Photoshop and camera makers' blocks), APP15 and comments
 * go; APP0 (JFIF), an APP2 ICC colour profile and APP14 (Adobe colour transform) stay, as do the tables
 * and the scans; anything after the end-of-image marker (a phone's second picture with its own EXIF)
 * is cut. The EXIF orientation goes too, so a photo taken sideways may show sideways.
 * PNG: text (tEXt, zTXt, iTXt), EXIF (eXIf) and the time (tIME) chunks go; the rest stays.
 */
export type ImageKind = 'jpeg' | 'png';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export class ImageNotReadable extends Error {}

export function imageKind(bytes: Uint8Array): ImageKind | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  return undefined;
}

export function withoutMetadata(bytes: Uint8Array): Uint8Array {
  const kind = imageKind(bytes);
  if (kind === 'jpeg') return jpegWithoutMetadata(bytes);
  if (kind === 'png') return pngWithoutMetadata(bytes);
  throw new ImageNotReadable('not a JPEG or PNG image');
}

const startsWith = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

function jpegWithoutMetadata(input: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [input.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 1 >= input.length || input[i] !== 0xff) throw new ImageNotReadable('a JPEG segment is broken');
    while (input[i + 1] === 0xff) i += 1; // fill bytes before a marker
    const marker = input[i + 1]!;
    if (marker === 0xd9) {
      kept.push(input.subarray(i, i + 2));
      break;
    }
    if (marker === 0xda) {
      // The scans run to the end-of-image marker: an FF in them is always followed by 00 or a
      // restart marker, so the first FF D9 ends the picture; what follows it is dropped.
      let end = i + 2;
      while (end + 1 < input.length && !(input[end] === 0xff && input[end + 1] === 0xd9)) end += 1;
      if (end + 1 >= input.length) throw new ImageNotReadable('a JPEG without its end');
      kept.push(input.subarray(i, end + 2));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(input.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = ((input[i + 2] ?? 0) << 8) | (input[i + 3] ?? 0);
    const end = i + 2 + length;
    if (length < 2 || end > input.length) throw new ImageNotReadable('a JPEG segment is broken');
    const application = marker >= 0xe0 && marker <= 0xef;
    const keep =
      marker === 0xe0 ||
      marker === 0xee ||
      (marker === 0xe2 && startsWith(input, i + 4, 'ICC_PROFILE\0')) ||
      (!application && marker !== 0xfe);
    if (keep) kept.push(input.subarray(i, end));
    i = end;
  }
  return concat(kept);
}

function pngWithoutMetadata(input: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [input.subarray(0, 8)];
  let i = 8;
  while (i < input.length) {
    if (i + 12 > input.length) throw new ImageNotReadable('a PNG chunk is broken');
    const length = ((input[i]! << 24) >>> 0) + (input[i + 1]! << 16) + (input[i + 2]! << 8) + input[i + 3]!;
    const type = String.fromCharCode(...input.subarray(i + 4, i + 8));
    const end = i + 12 + length;
    if (end > input.length) throw new ImageNotReadable('a PNG chunk is broken');
    if (!PNG_DROPPED.has(type)) kept.push(input.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
