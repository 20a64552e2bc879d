import { ReportService } from '@dangjian/contracts';
import { NotFoundError, RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';
import { INSPECTORS } from '../access.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * A report's photo for an inspector who may read the report (issue 18): read from the supervision
 * service a part at a time (the bus carries at most 1 MB a message), audited there as a read. Named
 * by its number only; kept out of caches.
 */
@ApiTags('supervision')
@Controller('api/v1/reports')
export class ReportAttachmentsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id/attachments/:number')
  @TenantRoles(INSPECTORS.tenant, { module: INSPECTORS.module })
  @ApiOperation({ summary: 'A photo attached to a report (cleaned of its metadata), for inspectors' })
  @ApiProduces('image/jpeg', 'image/png')
  async attachment(
    @Param('id', IdParamPipe) id: string,
    @Param('number') numberParam: string,
    @Res() reply: FastifyReply,
  ) {
    if (!/^[1-3]$/.test(numberParam)) throw new NotFoundError('report attachment', numberParam);
    const number = Number(numberParam);
    const first = await this.rpc.call(ReportService.method.getReportAttachment, {
      reportId: id,
      number,
      offset: 0,
    });
    const parts = [Buffer.from(first.data)];
    for (let offset = first.data.length; offset < first.size;) {
      const part = await this.rpc.call(ReportService.method.getReportAttachment, {
        reportId: id,
        number,
        offset,
      });
      if (part.data.length === 0) break;
      parts.push(Buffer.from(part.data));
      offset += part.data.length;
    }
    void reply
      .status(200)
      .header('Content-Type', first.contentType)
      .header(
        'Content-Disposition',
        `attachment; filename="report-${number}.${EXTENSIONS[first.contentType] ?? 'bin'}"`,
      )
      .header('Cache-Control', 'no-store')
      .send(Buffer.concat(parts));
  }
}
