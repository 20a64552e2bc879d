import { OrganisationService, type DuesAssessment, type DuesPayment } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CreateDuesAssessmentDto, RecordDuesPaymentDto, RunDuesMonthDto } from './dues.dto.js';

const assessmentView = (a: DuesAssessment) => ({
  id: a.id,
  memberId: a.memberId,
  effectiveFrom: a.effectiveFrom,
  occupation: a.occupation,
  baseFen: a.baseFen === undefined ? null : Number(a.baseFen),
  basisPoints: a.basisPoints,
  standardFen: a.standardFen,
  monthlyFen: a.monthlyFen,
  reduction: a.reduction,
  branchDecidedOn: a.branchDecidedOn || null,
  higherApprovedOn: a.higherApprovedOn || null,
  reason: a.reason,
  recordedBy: a.recordedBy,
  createdAt: a.createdAt,
});

const paymentView = (p: DuesPayment) => ({
  id: p.id,
  memberId: p.memberId,
  months: p.months,
  duesFen: p.duesFen,
  voluntaryFen: p.voluntaryFen,
  largeVoluntary: p.largeVoluntary,
  provider: p.provider,
  providerReference: p.providerReference,
  paidOn: p.paidOn,
  paidByName: p.paidByName,
  recordedBy: p.recordedBy,
  createdAt: p.createdAt,
});

/** 党费核定: a member's assessments, newest first; a new one supersedes from its month, history kept. */
@ApiTags('dues')
@Controller('api/v1/dues-assessments')
export class DuesAssessmentsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"memberId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['effectiveFrom'], { memberId: filterOf.uuid }, { sortField: 'effectiveFrom' });
    const result = await this.rpc.call(OrganisationService.method.listDuesAssessments, { page, memberId: filter.memberId ?? '' });
    reply.header('Content-Range', contentRange('dues-assessments', offset, result.assessments.length, result.total));
    return result.assessments.map(assessmentView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async create(@Body() body: CreateDuesAssessmentDto) {
    const { assessment } = await this.rpc.call(OrganisationService.method.createDuesAssessment, {
      memberId: body.memberId,
      effectiveFrom: body.effectiveFrom,
      ...(body.baseFen !== undefined ? { baseFen: BigInt(body.baseFen) } : {}),
      reduction: body.reduction ?? 'none',
      ...(body.reducedFen !== undefined ? { reducedFen: body.reducedFen } : {}),
      branchDecidedOn: body.branchDecidedOn ?? '',
      higherApprovedOn: body.higherApprovedOn ?? '',
      reason: body.reason ?? '',
    });
    return assessmentView(assessment!);
  }
}

/** The monthly dues ledger: due, paid, outstanding per member and month; the arrears list; the monthly run. */
@ApiTags('dues')
@Controller('api/v1/dues-ledger')
export class DuesLedgerController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","month":"2026-11","outstandingOnly":true}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['month'], { withinId: filterOf.uuid, memberId: filterOf.uuid, month: filterOf.text, outstandingOnly: filterOf.bool }, { sortField: 'month' });
    const result = await this.rpc.call(OrganisationService.method.listDuesLedger, {
      page, withinId: filter.withinId ?? '', memberId: filter.memberId ?? '', month: filter.month ?? '', outstandingOnly: filter.outstandingOnly ?? false,
    });
    reply.header('Content-Range', contentRange('dues-ledger', offset, result.entries.length, result.total));
    // Totals of the whole filtered list (not just this page): the collection rate is paid / due.
    reply.header('X-Dues-Total-Due-Fen', String(result.dueFen));
    reply.header('X-Dues-Total-Paid-Fen', String(result.paidFen));
    return result.entries.map((e) => ({
      id: `${e.memberId}:${e.month}`, memberId: e.memberId, memberName: e.memberName, organisationId: e.organisationId, month: e.month,
      dueFen: e.dueFen, paidFen: e.paidFen, outstandingFen: e.outstandingFen, paidOn: e.paidOn || null, paymentId: e.paymentId || null,
    }));
  }

  /** Runs a month for the whole tenant (tenant admins; safe to repeat). */
  @Post('runs')
  @HttpCode(200)
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  async run(@Body() body: RunDuesMonthDto) {
    // A month for a very large tenant takes a while (1 M members: see the benchmark); the run is
    // batched and safe to repeat, so a caller that gives up loses nothing.
    const result = await this.rpc.call(OrganisationService.method.runDuesMonth, { month: body.month }, { timeoutMs: 600_000 });
    return { month: result.month, created: result.created, unassessed: result.unassessed, membersInArrears: result.membersInArrears, arrearsFen: Number(result.arrearsFen) };
  }
}

/** Dues payments: by the treasurer (offline provider) for one or more months, on behalf, with voluntary extras. */
@ApiTags('dues')
@Controller('api/v1/dues-payments')
export class DuesPaymentsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"memberId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['paidOn'], { memberId: filterOf.uuid, withinId: filterOf.uuid }, { sortField: 'paidOn' });
    const result = await this.rpc.call(OrganisationService.method.listDuesPayments, { page, memberId: filter.memberId ?? '', withinId: filter.withinId ?? '' });
    reply.header('Content-Range', contentRange('dues-payments', offset, result.payments.length, result.total));
    return result.payments.map(paymentView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary', 'member'], { module: 'organisation' })
  async create(@Body() body: RecordDuesPaymentDto) {
    const { payment } = await this.rpc.call(OrganisationService.method.recordDuesPayment, {
      memberId: body.memberId, months: body.months, voluntaryFen: body.voluntaryFen ?? 0, paidOn: body.paidOn, paidByName: body.paidByName ?? '', provider: body.provider ?? 'treasurer',
    });
    return paymentView(payment!);
  }
}

/** 党费报表: a subtree's month, by the organisations directly below; the collection rate and what goes upward. */
@ApiTags('dues')
@Controller('api/v1/dues-reports')
export class DuesReportsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"withinId":"…","month":"2026-11"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter } = parseListQuery(query, ['organisationName'], { withinId: filterOf.uuid, month: filterOf.text }, { sortField: 'organisationName' });
    const { rows } = await this.rpc.call(OrganisationService.method.getDuesReport, { withinId: filter.withinId ?? '', month: filter.month ?? '' });
    reply.header('Content-Range', contentRange('dues-reports', 0, rows.length, rows.length));
    return rows.map((row) => {
      const [due, paid] = [Number(row.dueFen), Number(row.paidFen)];
      return {
        id: `${row.organisationId}:${row.scope}`,
        organisationId: row.organisationId,
        organisationName: row.organisationName,
        scope: row.scope,
        dueFen: due,
        paidFen: paid,
        // Basis points of the month's dues collected (10000 = all); null when nothing was due.
        collectionRateBasisPoints: due > 0 ? Math.floor((paid * 10_000) / due) : null,
        membersInArrears: row.membersInArrears,
        arrearsFen: Number(row.arrearsFen),
        collectedFen: Number(row.collectedFen),
        voluntaryFen: Number(row.voluntaryFen),
        largeVoluntaryPayments: row.largeVoluntaryPayments,
      };
    });
  }
}
