import { OrganisationService, type DevelopmentStep } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { RecordStepDto, toStepRequest } from './development.dto.js';

const orNull = (value: string) => value || null;

function toView(step: DevelopmentStep) {
  const { $typeName: _type, vote, ...rest } = step;
  return {
    ...rest,
    vote: vote ? { eligible: vote.eligible, present: vote.present, inFavour: vote.inFavour } : null,
    effectiveOn: orNull(step.effectiveOn),
    politicalReviewConcludedOn: orNull(step.politicalReviewConcludedOn),
    preReviewedOn: orNull(step.preReviewedOn),
    higherApprovedOn: orNull(step.higherApprovedOn),
    appliedOn: orNull(step.appliedOn),
    publicityPeriodId: orNull(step.publicityPeriodId),
  };
}

/** 发展党员: a member's development steps (the timeline) and recording the next one. */
@ApiTags('development')
@Controller('api/v1/development')
export class DevelopmentController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"memberId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['decidedOn'], { memberId: filterOf.uuid }, { sortField: 'decidedOn' });
    const result = await this.rpc.call(OrganisationService.method.listDevelopmentSteps, { page, memberId: filter.memberId ?? '' });
    reply.header('Content-Range', contentRange('development', offset, result.steps.length, result.total));
    return result.steps.map(toView);
  }

  /** Records the step when every rule of rules.md §3 holds; otherwise 422 naming each broken rule. */
  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async record(@Body() body: RecordStepDto) {
    const { step } = await this.rpc.call(OrganisationService.method.recordDevelopmentStep, toStepRequest(body, false));
    return toView(step!);
  }

  /** The same checks without recording anything: which rules the step would break. */
  @Post('check')
  @HttpCode(200)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async check(@Body() body: RecordStepDto) {
    const { brokenRules } = await this.rpc.call(OrganisationService.method.recordDevelopmentStep, toStepRequest(body, true));
    return { allowed: brokenRules.length === 0, brokenRules: brokenRules.map(({ rule, field, message }) => ({ rule, field, message })) };
  }
}

/** The development pipeline's overdue steps in the caller's subtree. */
@ApiTags('development')
@Controller('api/v1/development-overdue')
export class DevelopmentOverdueController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter, offset, page } = parseListQuery(query, ['dueOn'], { withinId: filterOf.uuid }, { sortField: 'dueOn' });
    const { overdue } = await this.rpc.call(OrganisationService.method.listDevelopmentOverdue, { withinId: filter.withinId ?? '' });
    const rows = overdue.map(({ memberId, name, organisationId, developmentStage, step, dueOn }) => ({
      id: `${memberId}:${step}`, memberId, name, organisationId, developmentStage, step, dueOn,
    }));
    const window = rows.slice(offset, offset + page.limit);
    reply.header('Content-Range', contentRange('development-overdue', offset, window.length, rows.length));
    return window;
  }
}
