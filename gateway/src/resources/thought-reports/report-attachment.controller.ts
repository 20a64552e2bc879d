import { MemberSpaceService, ThoughtReportService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { MEMBER_SPACE, ORGANISATION_STAFF } from '../access.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

const send = (
  reply: FastifyReply,
  attachment: { contentType: string; fileName: string },
  content: Uint8Array,
) =>
  void reply
    .header('Content-Type', attachment.contentType)
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
    .send(Buffer.from(content));

/** A file sent with a thought report, for the secretary (binary: written by hand beside the resource). */
@ApiTags('thought-reports')
@Controller('api/v1/thought-reports')
export class ReportAttachmentController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id/attachments/:attachmentId')
  @TenantRoles(ORGANISATION_STAFF.tenant, { module: 'organisation' })
  @ApiOperation({ summary: 'Download a file sent with a thought report' })
  @ApiProduces('application/octet-stream')
  async attachment(
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const { attachment, content } = await this.rpc.call(
      ThoughtReportService.method.getThoughtReportAttachment,
      {
        thoughtReportId: id,
        id: attachmentId,
      },
    );
    send(reply, attachment!, content);
  }
}

/** A file of one of my own thought reports. */
@ApiTags('member space')
@Controller('api/v1/me/thought-reports')
export class MyReportAttachmentController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id/attachments/:attachmentId')
  @TenantRoles(MEMBER_SPACE.tenant, { module: 'organisation' })
  @ApiOperation({ summary: 'Download a file of one of my thought reports' })
  @ApiProduces('application/octet-stream')
  async attachment(
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const { attachment, content } = await this.rpc.call(MemberSpaceService.method.getMyReportAttachment, {
      thoughtReportId: id,
      id: attachmentId,
    });
    send(reply, attachment!, content);
  }
}
