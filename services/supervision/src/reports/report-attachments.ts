import { MAX_REPORT_PHOTO_BYTES, MAX_REPORT_PHOTOS, REPORT_PHOTO_PART_BYTES } from '@dangjian/contracts';
import {
  ImageNotReadable,
  imageKind,
  RuleViolatedError,
  ValidationError,
  Validator,
  withoutMetadata,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { SupervisionTx } from '../db/supervision-database.js';

/**
 * Photos attached to a report (issue 18): at most three, each up to 5 MB, JPEG or PNG only — the
 * types whose metadata is taken out reliably here (others are refused rather than kept as they came).
 * They arrive a part at a time; when the last part is in, the whole file is checked to be what it
 * says and stored again without its metadata. Numbered, never named.
 */
const MAX_ATTACHMENTS = MAX_REPORT_PHOTOS;
const MAX_ATTACHMENT_BYTES = MAX_REPORT_PHOTO_BYTES;
export const ATTACHMENT_PART_BYTES = REPORT_PHOTO_PART_BYTES;
const TYPES: Record<string, 'jpeg' | 'png'> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };

export interface AttachmentPart {
  number: number;
  contentType: string;
  offset: number;
  data: Uint8Array;
  size: number;
}

export function checkPart(part: AttachmentPart): void {
  new Validator()
    .check(part.number >= 1 && part.number <= MAX_ATTACHMENTS, 'number', 'number_between', {
      min: 1,
      max: MAX_ATTACHMENTS,
    })
    .check(part.contentType in TYPES, 'contentType', 'not_one_of', { allowed: Object.keys(TYPES).join(', ') })
    .check(part.size >= 1 && part.size <= MAX_ATTACHMENT_BYTES, 'size', 'number_between', {
      min: 1,
      max: MAX_ATTACHMENT_BYTES,
    })
    .check(
      part.offset >= 0 &&
        part.data.length <= ATTACHMENT_PART_BYTES &&
        part.offset + part.data.length <= part.size,
      'offset',
      'bad_format',
    )
    .throwIfInvalid();
}

/** Adds a part; answers whether the file is whole (and then stored cleaned). */
export async function addPart(
  tx: SupervisionTx,
  tenantId: string,
  reportId: string,
  part: AttachmentPart,
): Promise<boolean> {
  if (part.offset === 0) {
    await tx.reportAttachment.deleteMany({ where: { reportId, number: part.number } });
    await tx.reportAttachment.create({
      data: {
        id: randomUUID(),
        tenantId,
        reportId,
        number: part.number,
        contentType: part.contentType,
        size: part.size,
        data: Buffer.from(part.data),
      },
    });
  } else {
    // Parts in order only: one that does not follow the bytes already in is refused.
    const appended = await tx.$executeRaw`
      update report_attachments set data = data || ${Buffer.from(part.data)}
       where report_id = ${reportId}::uuid and number = ${part.number}::int and not complete
         and octet_length(data) = ${part.offset}::int`;
    if (appended === 0) throw new RuleViolatedError('report-attachment-order');
  }
  if (part.offset + part.data.length < part.size) return false;
  const whole = await tx.reportAttachment.findUniqueOrThrow({
    where: { reportId_number: { reportId, number: part.number } },
  });
  let clean: Uint8Array;
  try {
    if (imageKind(whole.data) !== TYPES[part.contentType]) throw new ImageNotReadable('not the type it says');
    clean = withoutMetadata(whole.data);
  } catch (error) {
    if (!(error instanceof ImageNotReadable)) throw error;
    await tx.reportAttachment.delete({ where: { id: whole.id } });
    throw ValidationError.of('attachments', 'not_an_image');
  }
  await tx.reportAttachment.update({
    where: { id: whole.id },
    data: { data: Buffer.from(clean), size: clean.length, complete: true },
  });
  return true;
}
