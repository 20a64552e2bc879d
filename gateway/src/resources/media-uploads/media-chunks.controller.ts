import { MediaService, MediaUploadSchema } from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Body, Controller, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoles } from '../../auth/access.decorators.js';
import { toJson } from '../../http/json-view.js';
import { LEARNING_STAFF } from '../access.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';
import { FileBody } from '../../http/body-limits.js';

/** One chunk of an upload, as raw bytes: a binary body, so it is written by hand beside the resource. */
@ApiTags('learning')
@Controller('api/v1/media-uploads')
export class MediaChunksController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Put(':id/chunks/:index')
  @TenantRoles(LEARNING_STAFF.tenant, { module: LEARNING_STAFF.module })
  @ApiOperation({
    summary: 'Send one chunk of an upload (again is harmless: a resumed upload may resend one)',
  })
  @ApiConsumes('application/octet-stream')
  // A chunk is 512 KiB (the learning service's CHUNK_BYTES); a client's may be smaller, never this large.
  @FileBody(1024 * 1024)
  async chunk(
    @Param('id', IdParamPipe) id: string,
    @Param('index', new ParseIntPipe()) index: number,
    @Body() body: unknown,
  ) {
    if (!Buffer.isBuffer(body)) throw ValidationError.of('body', 'required');
    const { upload } = await this.rpc.call(MediaService.method.putMediaChunk, {
      uploadId: id,
      index,
      content: new Uint8Array(body),
    });
    return toJson(MediaUploadSchema, upload!);
  }
}
