import { createHash, randomUUID } from 'node:crypto';
import type { LearningTx } from '../db/learning-database.js';

/**
 * Where lesson media live (issue 16, decision 0027): one interface, so production can put them in
 * S3-compatible object storage while this machine and the quick start keep them in Postgres. Content
 * is addressed by its SHA-256 within the tenant, so a file uploaded twice is stored once.
 */
export interface MediaStore {
  /** Keeps one chunk of an upload (again is the same: a resumed upload may resend one). */
  putChunk(
    tx: LearningTx,
    upload: { id: string; tenantId: string },
    index: number,
    bytes: Uint8Array,
  ): Promise<void>;
  /** Joins an upload's chunks into stored media (or finds the same content stored) and frees them. */
  complete(
    tx: LearningTx,
    upload: { id: string; tenantId: string; chunkBytes: number; contentType: string },
  ): Promise<{ mediaId: string }>;
  /** Bytes [offset, offset + length) of stored media, within its size. */
  read(
    tx: LearningTx,
    media: { id: string; chunkBytes: number },
    offset: number,
    length: number,
  ): Promise<Uint8Array>;
}

/** The store in Postgres: chunks as rows (bytea), read back by the chunks a range touches. */
export class PostgresMediaStore implements MediaStore {
  async putChunk(tx: LearningTx, upload: { id: string; tenantId: string }, index: number, bytes: Uint8Array) {
    await tx.mediaUploadChunk.upsert({
      where: { uploadId_index: { uploadId: upload.id, index } },
      create: { uploadId: upload.id, tenantId: upload.tenantId, index, content: Buffer.from(bytes) },
      update: { content: Buffer.from(bytes) },
    });
  }

  async complete(
    tx: LearningTx,
    upload: { id: string; tenantId: string; chunkBytes: number; contentType: string },
  ) {
    // Hash chunk by chunk, so a large file is never whole in memory.
    const hash = createHash('sha256');
    let size = 0;
    const indexes = await tx.mediaUploadChunk.findMany({
      where: { uploadId: upload.id },
      select: { index: true },
      orderBy: { index: 'asc' },
    });
    for (const { index } of indexes) {
      const chunk = await tx.mediaUploadChunk.findUniqueOrThrow({
        where: { uploadId_index: { uploadId: upload.id, index } },
      });
      hash.update(chunk.content);
      size += chunk.content.length;
    }
    const sha256 = hash.digest('hex');
    const existing = await tx.media.findUnique({
      where: { tenantId_sha256: { tenantId: upload.tenantId, sha256 } },
    });
    let mediaId = existing?.id;
    if (!mediaId) {
      mediaId = randomUUID();
      await tx.media.create({
        data: {
          id: mediaId,
          tenantId: upload.tenantId,
          sha256,
          contentType: upload.contentType,
          sizeBytes: BigInt(size),
          chunkBytes: upload.chunkBytes,
        },
      });
      await tx.$executeRawUnsafe(
        `insert into media_chunks (media_id, tenant_id, index, content)
         select $1::uuid, tenant_id, index, content from media_upload_chunks where upload_id = $2::uuid`,
        mediaId,
        upload.id,
      );
    }
    await tx.mediaUploadChunk.deleteMany({ where: { uploadId: upload.id } });
    return { mediaId };
  }

  async read(tx: LearningTx, media: { id: string; chunkBytes: number }, offset: number, length: number) {
    const first = Math.floor(offset / media.chunkBytes);
    const last = Math.floor((offset + length - 1) / media.chunkBytes);
    const chunks = await tx.mediaChunk.findMany({
      where: { mediaId: media.id, index: { gte: first, lte: last } },
      orderBy: { index: 'asc' },
    });
    const joined = Buffer.concat(chunks.map((chunk) => chunk.content));
    const start = offset - first * media.chunkBytes;
    return new Uint8Array(joined.subarray(start, start + length));
  }
}
