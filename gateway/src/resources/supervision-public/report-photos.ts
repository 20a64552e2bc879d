import { MAX_REPORT_PHOTO_BYTES, MAX_REPORT_PHOTOS } from '@dangjian/contracts';
import { ImageNotReadable, imageKind, ValidationError, withoutMetadata } from '@dangjian/kit';
import type { FormFile } from '../../http/multipart.js';

const TYPES = { jpeg: 'image/jpeg', png: 'image/png' } as const;

/**
 * A report's photos as the reporter sent them, checked and cleaned here, before anything crosses the
 * bus: at most three JPEG or PNG photos of 5 MB, each read by its bytes (not its declared type) and
 * stripped of EXIF, XMP and comments. The supervision service cleans them again before it stores them.
 */
export function cleanPhotos(files: FormFile[]): { contentType: string; data: Uint8Array }[] {
  if (files.length > MAX_REPORT_PHOTOS)
    throw ValidationError.of('attachments', 'too_many', { max: MAX_REPORT_PHOTOS });
  return files.map((file) => {
    if (file.data.length > MAX_REPORT_PHOTO_BYTES)
      throw ValidationError.of('attachments', 'too_long', { max: MAX_REPORT_PHOTO_BYTES });
    const kind = imageKind(file.data);
    if (!kind) throw ValidationError.of('attachments', 'not_an_image');
    try {
      return { contentType: TYPES[kind], data: withoutMetadata(file.data) };
    } catch (error) {
      if (error instanceof ImageNotReadable) throw ValidationError.of('attachments', 'not_an_image');
      throw error;
    }
  });
}
