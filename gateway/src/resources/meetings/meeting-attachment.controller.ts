import { MeetingService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

/** A meeting's attachment as a file: a binary answer, so it is written by hand beside the resource. */
@ApiTags('meetings')
@Controller('api/v1/meetings')
export class MeetingAttachmentController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id/attachments/:attachmentId')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOperation({ summary: 'Download a meeting’s attachment' })
  @ApiProduces('application/octet-stream')
  async attachment(
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const { attachment, content } = await this.rpc.call(MeetingService.method.getMeetingAttachment, {
      meetingId: id,
      id: attachmentId,
    });
    void reply
      .header('Content-Type', attachment!.contentType)
      .header(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(attachment!.fileName)}`,
      )
      .send(Buffer.from(content));
  }
}
