import { MediaService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { TenantRoles } from '../../auth/access.decorators.js';
import { MY_LEARNING } from '../access.js';
import { parseByteRange } from './byte-range.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

/**
 * A lesson's media, streamed: the whole file, or the byte range a player asks for (206), so a phone
 * seeks without downloading everything. The service answers a chunk at a time; the stream asks for
 * the next only when the phone has taken the last.
 */
@ApiTags('learning')
@Controller('api/v1/media')
export class MediaController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id')
  @TenantRoles(MY_LEARNING.tenant, { module: MY_LEARNING.module })
  @ApiOperation({ summary: 'A lesson’s video, audio or document, whole or by byte range' })
  @ApiProduces('video/mp4', 'audio/mpeg', 'application/pdf')
  async media(
    @Param('id', IdParamPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const first = await this.rpc.call(MediaService.method.readMedia, { id, offset: 0n, length: 0 });
    const media = first.media!;
    const size = Number(media.sizeBytes);
    const wanted = parseByteRange(range, size);
    if (wanted === 'unsatisfiable') {
      void reply.status(416).header('Content-Range', `bytes */${size}`).send();
      return;
    }
    const { start, end } = wanted ?? { start: 0, end: size - 1 };
    const rpc = this.rpc;
    async function* bytes() {
      let offset = start;
      while (offset <= end) {
        const part = await rpc.call(MediaService.method.readMedia, {
          id,
          offset: BigInt(offset),
          length: end - offset + 1,
        });
        if (part.content.length === 0) return;
        yield Buffer.from(part.content);
        offset += part.content.length;
      }
    }
    void reply
      .status(wanted ? 206 : 200)
      .header('Content-Type', media.contentType)
      .header('Accept-Ranges', 'bytes')
      .header('Content-Length', String(end - start + 1))
      .header('Cache-Control', 'private, max-age=3600')
      // Content-addressed: the same id is the same bytes.
      .header('ETag', `"${media.sha256}"`);
    if (wanted) void reply.header('Content-Range', `bytes ${start}-${end}/${size}`);
    void reply.send(Readable.from(bytes()));
  }
}
