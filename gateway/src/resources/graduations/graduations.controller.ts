import { OrganisationService, type Graduation } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { IsDateOnly } from '../../http/date-only.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';

const DESTINATIONS = ['employed', 'further_study', 'unemployed', 'unknown'] as const;

export class RecordGraduationDto {
  @ApiProperty({ example: '2026-06-30' }) @IsDateOnly() graduatesOn!: string;
  @ApiPropertyOptional({ enum: DESTINATIONS, default: 'unknown', description: 'employed: transfer to the employer (or the local street / talent-service organisation); unemployed: may stay up to 2 years' })
  @IsOptional() @IsIn(DESTINATIONS)
  destination?: string;
  @ApiPropertyOptional({ example: '艾克米集团' }) @IsOptional() @IsString() @MaxLength(100) employer?: string;
}

const graduationView = (g: Graduation) => ({
  id: g.memberId,
  memberId: g.memberId,
  memberName: g.memberName,
  organisationId: g.organisationId,
  graduatesOn: g.graduatesOn,
  destination: g.destination,
  employer: g.employer,
  memberStatus: g.memberStatus,
  updatedAt: g.updatedAt,
});

/** 毕业生党员: graduation date and destination of student members, one record per member (`graduations/:memberId`). */
@ApiTags('graduations')
@Controller('api/v1/graduations')
export class GraduationsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","memberId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['graduatesOn'], { withinId: filterOf.uuid, memberId: filterOf.uuid }, { sortField: 'graduatesOn' });
    const result = await this.rpc.call(OrganisationService.method.listGraduations, { page, withinId: filter.withinId ?? '', memberIds: filter.memberId ? [filter.memberId] : [] });
    reply.header('Content-Range', contentRange('graduations', offset, result.graduations.length, result.total));
    return result.graduations.map(graduationView);
  }

  @Put(':memberId')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async record(@Param('memberId') memberId: string, @Body() body: RecordGraduationDto) {
    const { graduation } = await this.rpc.call(OrganisationService.method.recordGraduation, { memberId, graduatesOn: body.graduatesOn, destination: body.destination ?? 'unknown', employer: body.employer ?? '' });
    return graduationView(graduation!);
  }
}

/** Graduates to chase: no transfer 3 months after graduating; unemployed and held beyond 2 years. */
@ApiTags('graduations')
@Controller('api/v1/graduate-overdue')
export class GraduateOverdueController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter } = parseListQuery(query, ['dueOn'], { withinId: filterOf.uuid }, { sortField: 'dueOn' });
    const { overdue } = await this.rpc.call(OrganisationService.method.listGraduateOverdue, { withinId: filter.withinId ?? '' });
    reply.header('Content-Range', contentRange('graduate-overdue', 0, overdue.length, overdue.length));
    return overdue.map((o) => ({ ...graduationView(o.graduation!), id: `${o.graduation!.memberId}:${o.kind}`, kind: o.kind, dueOn: o.dueOn }));
  }
}
