import { create } from '@bufbuild/protobuf';
import {
  MediaSchema,
  MediaUploadSchema,
  ReadMediaResponseSchema,
  type MediaUpload,
  type PutMediaChunkRequest,
  type ReadMediaRequest,
  type ReadMediaResponse,
  type StartMediaUploadRequest,
} from '@dangjian/contracts';
import { isUuid, NotFoundError, requireRole, requireTenant, ValidationError, Validator } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { MediaUpload as UploadRow } from '../generated/prisma/client.js';
import { MEDIA_KINDS, sniffContentType, type MediaKind } from './content-type.js';
import type { MediaStore } from './media-store.js';

/** A chunk fits one bus message with room to spare (NATS's default payload limit is 1 MiB). */
export const CHUNK_BYTES = 512 * 1024;

/** The largest file of each kind: a lecture's video, an audio talk, a document. */
export const MAX_MEDIA_BYTES: Record<MediaKind, number> = {
  video: 500 * 1024 * 1024,
  audio: 100 * 1024 * 1024,
  document: 50 * 1024 * 1024,
};

/** Who uploads media: those who build courses. Everyone of the tenant may read it (members study). */
const AUTHORS = ['tenant-admin', 'secretary'] as const;
const READERS = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;

const chunkCount = (row: { sizeBytes: bigint; chunkBytes: number }) =>
  Math.ceil(Number(row.sizeBytes) / row.chunkBytes);

async function uploadMessage(tx: LearningTx, row: UploadRow): Promise<MediaUpload> {
  const received = row.mediaId
    ? Array.from({ length: chunkCount(row) }, (_, i) => i)
    : (
        await tx.mediaUploadChunk.findMany({
          where: { uploadId: row.id },
          select: { index: true },
          orderBy: { index: 'asc' },
        })
      ).map((chunk) => chunk.index);
  return create(MediaUploadSchema, {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    chunkBytes: row.chunkBytes,
    chunkCount: chunkCount(row),
    received,
    contentType: row.contentType ?? '',
    mediaId: row.mediaId ?? '',
  });
}

/**
 * 媒体 (issue 16): a resumable upload in chunks — the client asks which chunks arrived and sends the
 * rest — whose type is read from the first chunk's bytes; complete, it becomes stored media.
 */
export class MediaUseCases {
  constructor(
    private readonly db: LearningDatabase,
    private readonly store: MediaStore,
  ) {}

  async start(request: StartMediaUploadRequest): Promise<MediaUpload> {
    const principal = requireRole(...AUTHORS);
    const fileName = request.fileName.trim();
    const kind = request.kind as MediaKind;
    const validKind = (MEDIA_KINDS as readonly string[]).includes(kind);
    new Validator()
      .check(validKind, 'kind', 'not_one_of', { allowed: MEDIA_KINDS.join(', ') })
      .check(fileName.length >= 1 && fileName.length <= 200, 'fileName', 'length_between', {
        min: 1,
        max: 200,
      })
      .check(
        request.sizeBytes >= 1n && (!validKind || request.sizeBytes <= BigInt(MAX_MEDIA_BYTES[kind])),
        'sizeBytes',
        'file_size',
        { max: validKind ? `${MAX_MEDIA_BYTES[kind] / 1024 / 1024} MB` : '' },
      )
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      uploadMessage(
        tx,
        await tx.mediaUpload.create({
          data: {
            id: randomUUID(),
            tenantId,
            kind,
            fileName,
            sizeBytes: request.sizeBytes,
            chunkBytes: CHUNK_BYTES,
            createdBy: principal.userId,
          },
        }),
      ),
    );
  }

  async get(id: string): Promise<MediaUpload> {
    requireRole(...AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => uploadMessage(tx, await this.findUpload(tx, id)));
  }

  /** Keeps one chunk; the last one to arrive completes the upload (hashed, stored once). */
  async putChunk(request: PutMediaChunkRequest): Promise<MediaUpload> {
    requireRole(...AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => {
      const upload = await this.findUpload(tx, request.uploadId);
      // Chunks arriving together take turns, so exactly one of them completes the upload.
      await tx.$queryRawUnsafe('select 1 from media_uploads where id = $1::uuid for update', upload.id);
      const count = chunkCount(upload);
      const size = Number(upload.sizeBytes);
      const expected =
        request.index === count - 1 ? size - (count - 1) * upload.chunkBytes : upload.chunkBytes;
      new Validator()
        .check(
          Number.isInteger(request.index) && request.index >= 0 && request.index < count,
          'index',
          'chunk_index',
          { max: count - 1 },
        )
        .check(request.content.length === expected, 'content', 'chunk_length', { length: expected })
        .throwIfInvalid();
      if (upload.mediaId) return uploadMessage(tx, upload);
      let contentType = upload.contentType;
      if (request.index === 0) {
        const sniffed = sniffContentType(request.content);
        if (sniffed?.kind !== upload.kind) {
          throw ValidationError.of('content', 'media_kind', {
            kind: upload.kind,
            found: sniffed?.contentType ?? 'unknown',
          });
        }
        contentType = sniffed.contentType;
        await tx.mediaUpload.update({ where: { id: upload.id }, data: { contentType } });
      }
      await this.store.putChunk(tx, upload, request.index, request.content);
      const received = await tx.mediaUploadChunk.count({ where: { uploadId: upload.id } });
      if (received < count || !contentType) return uploadMessage(tx, { ...upload, contentType });
      const { mediaId } = await this.store.complete(tx, { ...upload, contentType });
      return uploadMessage(
        tx,
        await tx.mediaUpload.update({
          where: { id: upload.id },
          data: { mediaId, completedAt: new Date() },
        }),
      );
    });
  }

  /** Bytes of stored media: at most one chunk's worth per call (the gateway streams a range by these). */
  async read(request: ReadMediaRequest): Promise<ReadMediaResponse> {
    requireRole(...READERS);
    return this.db.database.inRequestTenant(async (tx) => {
      const media = isUuid(request.id) ? await tx.media.findUnique({ where: { id: request.id } }) : null;
      if (!media) throw new NotFoundError('media', request.id);
      const size = Number(media.sizeBytes);
      const offset = Number(request.offset);
      new Validator()
        .check(offset >= 0 && offset <= size, 'offset', 'number_between', { min: 0, max: size })
        .throwIfInvalid();
      const length = Math.min(Math.max(request.length, 0), CHUNK_BYTES, size - offset);
      const content = length > 0 ? await this.store.read(tx, media, offset, length) : new Uint8Array();
      return create(ReadMediaResponseSchema, {
        media: create(MediaSchema, {
          id: media.id,
          contentType: media.contentType,
          sizeBytes: media.sizeBytes,
          sha256: media.sha256,
        }),
        content,
      });
    });
  }

  private async findUpload(tx: LearningTx, id: string): Promise<UploadRow> {
    const row = isUuid(id) ? await tx.mediaUpload.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundError('media upload', id);
    return row;
  }
}
