/**
 * What a file is, read from its first bytes and never from its name (issue 16): the kinds a lesson
 * may hold. A file whose bytes are none of these is refused, whatever it is called.
 */
export const MEDIA_KINDS = ['video', 'audio', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  Buffer.from(bytes.subarray(at, at + length)).toString('latin1');

/** The content type of a file's head, or undefined when it is not a lesson's media. */
export function sniffContentType(head: Uint8Array): { kind: MediaKind; contentType: string } | undefined {
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'document', contentType: 'application/pdf' };
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (brand.startsWith('M4A') || brand.startsWith('M4B'))
      return { kind: 'audio', contentType: 'audio/mp4' };
    return { kind: 'video', contentType: 'video/mp4' };
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
    return { kind: 'video', contentType: 'video/webm' };
  if (ascii(head, 0, 3) === 'ID3') return { kind: 'audio', contentType: 'audio/mpeg' };
  // An MPEG audio frame without a tag: 11 sync bits.
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)
    return { kind: 'audio', contentType: 'audio/mpeg' };
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', contentType: 'audio/ogg' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE')
    return { kind: 'audio', contentType: 'audio/wav' };
  return undefined;
}
