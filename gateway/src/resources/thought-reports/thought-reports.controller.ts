import { OrganisationService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';

export class CreateThoughtReportDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ example: '2026-10-15' }) @IsDateOnly() submittedOn!: string;
  @ApiProperty({ example: '2026年第三季度思想汇报' }) @IsString() @MaxLength(100) title!: string;
  @ApiProperty() @IsString() @MaxLength(20_000) content!: string;
}


/** 思想汇报 of applicants, activists and probationary members. */
@ApiTags('thought-reports')
@Controller('api/v1/thought-reports')
export class ThoughtReportsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"memberId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['submittedOn'], { memberId: filterOf.uuid }, { sortField: 'submittedOn' });
    const result = await this.rpc.call(OrganisationService.method.listThoughtReports, { page, memberId: filter.memberId ?? '' });
    reply.header('Content-Range', contentRange('thought-reports', offset, result.thoughtReports.length, result.total));
    return result.thoughtReports.map(({ id, memberId, submittedOn, title, content, recordedBy, createdAt }) => ({ id, memberId, submittedOn, title, content, recordedBy, createdAt }));
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async create(@Body() body: CreateThoughtReportDto) {
    const { thoughtReport: r } = await this.rpc.call(OrganisationService.method.createThoughtReport, body);
    return { id: r!.id, memberId: r!.memberId, submittedOn: r!.submittedOn, title: r!.title, content: r!.content, recordedBy: r!.recordedBy, createdAt: r!.createdAt };
  }
}

/** Members behind the tenant's thought-report cadence (default quarterly), for their secretary. */
@ApiTags('thought-reports')
@Controller('api/v1/overdue-thought-reports')
export class OverdueThoughtReportsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter, offset, page } = parseListQuery(query, ['dueOn'], { withinId: filterOf.uuid }, { sortField: 'dueOn' });
    const result = await this.rpc.call(OrganisationService.method.listOverdueThoughtReports, { withinId: filter.withinId ?? '' });
    const rows = result.overdue.map(({ memberId, name, organisationId, developmentStage, lastSubmittedOn, dueOn }) => ({
      id: memberId, memberId, name, organisationId, developmentStage, lastSubmittedOn: lastSubmittedOn || null, dueOn, cadenceMonths: result.cadenceMonths,
    }));
    const window = rows.slice(offset, offset + page.limit);
    reply.header('Content-Range', contentRange('overdue-thought-reports', offset, window.length, rows.length));
    return window;
  }
}
