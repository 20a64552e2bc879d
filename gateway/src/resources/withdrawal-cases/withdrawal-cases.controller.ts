import { OrganisationService, WITHDRAWAL_CASE_STATES, WITHDRAWAL_RESOLUTIONS, type WithdrawalCase } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';

export class CloseWithdrawalCaseDto {
  @ApiProperty({ enum: WITHDRAWAL_RESOLUTIONS, description: 'resumed · valid_reason · removed_by_branch (the branch general meeting’s decision, recorded)' })
  @IsIn(WITHDRAWAL_RESOLUTIONS)
  resolution!: string;
  @ApiProperty({ description: 'what the branch found or decided' }) @IsString() @MinLength(1) @MaxLength(1000) note!: string;
}

const caseView = (c: WithdrawalCase) => ({
  id: c.id,
  memberId: c.memberId,
  memberName: c.memberName,
  organisationId: c.organisationId,
  organisationName: c.organisationName,
  state: c.state,
  monthsWithoutDues: c.monthsWithoutDues,
  monthsWithoutLife: c.monthsWithoutLife,
  countedTo: c.countedTo,
  warnedOn: c.warnedOn,
  openedOn: c.openedOn || null,
  closedOn: c.closedOn || null,
  resolution: c.resolution || null,
  resolutionNote: c.resolutionNote,
  closedBy: c.closedBy || null,
  updatedAt: c.updatedAt,
});

/** 自行脱党 warnings and cases (rules.md §2): the check warns and opens cases; the branch closes them; nobody is removed by software. */
@ApiTags('withdrawal-cases')
@Controller('api/v1/withdrawal-cases')
export class WithdrawalCasesController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"state":"open","withinId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['state'], { withinId: filterOf.uuid, state: filterOf.oneOf(WITHDRAWAL_CASE_STATES) }, { sortField: 'state' });
    const result = await this.rpc.call(OrganisationService.method.listWithdrawalCases, { page, withinId: filter.withinId ?? '', state: filter.state ?? '' });
    reply.header('Content-Range', contentRange('withdrawal-cases', offset, result.cases.length, result.total));
    return result.cases.map(caseView);
  }

  /** Runs the check now for this tenant (it also runs daily); safe to repeat. */
  @Post('runs')
  @HttpCode(200)
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  async run() {
    const result = await this.rpc.call(OrganisationService.method.runWithdrawalCheck, {}, { timeoutMs: 600_000 });
    return { countedTo: result.countedTo, warnings: result.warnings, open: result.open, closedAsResumed: result.closedAsResumed };
  }

  @Post(':id/close')
  @HttpCode(200)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async close(@Param('id') id: string, @Body() body: CloseWithdrawalCaseDto) {
    return caseView((await this.rpc.call(OrganisationService.method.closeWithdrawalCase, { id, resolution: body.resolution, note: body.note })).case!);
  }
}
