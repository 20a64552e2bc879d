import { MediaService } from '@dangjian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { bindResource, call } from '../../http/resource.js';
import { LEARNING_STAFF } from '../access.js';

export class StartMediaUploadDto {
  @ApiProperty({ enum: ['video', 'audio', 'document'] }) @IsIn(['video', 'audio', 'document']) kind!: string;
  @ApiProperty({ example: '第一讲.mp4' }) @IsString() @MinLength(1) @MaxLength(200) fileName!: string;
  @ApiProperty({
    description: 'the whole file’s size in bytes (video ≤ 500 MB, audio ≤ 100 MB, document ≤ 50 MB)',
  })
  @IsInt()
  @Min(1)
  @Max(500 * 1024 * 1024)
  sizeBytes!: number;
}

/**
 * 上传 (issue 16): a lesson's media arrives in chunks. Start an upload, PUT each chunk
 * (`/media-uploads/{id}/chunks/{index}`, application/octet-stream), and after a lost connection
 * GET the upload to see which chunks arrived and send the rest. The type is read from the bytes.
 */
export const MediaUploadsResource = bindResource({
  path: 'media-uploads',
  tag: 'learning',
  routes: {
    start: call({
      rpc: MediaService.method.startMediaUpload,
      method: 'POST',
      summary: 'Start a resumable upload of a video, audio or document',
      access: LEARNING_STAFF,
      body: StartMediaUploadDto,
      request: ({ body }) => ({
        kind: body.kind,
        fileName: body.fileName,
        sizeBytes: BigInt(body.sizeBytes),
      }),
      reply: 'upload',
    }),
    get: call({
      rpc: MediaService.method.getMediaUpload,
      method: 'GET',
      path: ':id',
      summary: 'An upload: which chunks arrived, and the media once complete',
      access: LEARNING_STAFF,
      reply: 'upload',
    }),
  },
});
