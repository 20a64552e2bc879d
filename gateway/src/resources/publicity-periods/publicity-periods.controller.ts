import { OBJECTION_STATUSES, OrganisationService, PUBLICITY_STAGES, type PublicityPeriod } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';


export class OpenPublicityDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: PUBLICITY_STAGES, description: 'the stage the publicity announces' }) @IsIn(PUBLICITY_STAGES) stage!: string;
  @ApiProperty({ example: '2026-11-23' }) @IsDateOnly() startsOn!: string;
}

/** PUT: records an objection and what became of it (other fields of the period are read-only). */
export class RecordObjectionDto {
  @ApiProperty({ enum: OBJECTION_STATUSES }) @IsIn(OBJECTION_STATUSES) objectionStatus!: string;
  @ApiProperty({ description: 'what was raised and what was found' }) @IsString() @MaxLength(2000) objectionNote!: string;
}

const toView = (p: PublicityPeriod) => {
  const { $typeName: _type, ...view } = p;
  return view;
};

/** 公示期 before development steps (default 5 working days, China's holiday calendar). */
@ApiTags('development')
@Controller('api/v1/publicity-periods')
export class PublicityPeriodsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"memberId":"…","withinId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['startsOn'], { memberId: filterOf.uuid, withinId: filterOf.uuid }, { sortField: 'startsOn' });
    const result = await this.rpc.call(OrganisationService.method.listPublicityPeriods, { page, memberId: filter.memberId ?? '', withinId: filter.withinId ?? '' });
    reply.header('Content-Range', contentRange('publicity-periods', offset, result.publicityPeriods.length, result.total));
    return result.publicityPeriods.map(toView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async open(@Body() body: OpenPublicityDto) {
    return toView((await this.rpc.call(OrganisationService.method.openPublicityPeriod, body)).publicityPeriod!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async recordObjection(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RecordObjectionDto) {
    return toView((await this.rpc.call(OrganisationService.method.recordPublicityObjection, { id, ...body })).publicityPeriod!);
  }
}
