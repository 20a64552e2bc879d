import {
  AppealService,
  MicroWishService,
  ErrorCode,
  REPORT_PHOTO_PART_BYTES,
  ReportService,
  type Tenant,
} from '@dangjian/contracts';
import {
  DomainError,
  NotFoundError,
  RateLimiter,
  RpcClient,
  ValidationError,
  type RequestContext,
} from '@dangjian/kit';
import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/access.decorators.js';
import type { GatewayRequest } from '../../auth/access.guard.js';
import { htmlReply, publicContext, PublicTenants } from '../../http/public-pages.js';
import type { FormFile } from '../../http/multipart.js';
import { addressOf } from '../../http/public-limits.js';
import { cleanPhotos } from './report-photos.js';
import { textProblem } from '../../http/request-body.js';
import { messagePage } from '../portal/render.js';
import {
  appealFiledPage,
  appealOutcomesPage,
  OUTCOMES_PER_PAGE,
  appealFollowFormPage,
  appealFormPage,
  appealPage,
  reportFiledPage,
  reportFollowFormPage,
  reportFormPage,
  reportPage,
  wishFiledPage,
  wishFollowFormPage,
  wishFormPage,
  wishPage,
} from './render.js';
import { BodyLimit } from '../../http/body-limits.js';
import { PUBLIC_FORM_BYTES, PUBLIC_FORM_FILE_BYTES } from '../../http/edge.js';

export const SUPERVISION_PUBLIC_SETTINGS = Symbol('SUPERVISION_PUBLIC_SETTINGS');
export interface SupervisionPublicSettings {
  /** Appeals and reports filed per address and tenant in an hour. */
  filingsPerHour: number;
  /** Look-ups by code per address and minute (codes are not guessed one by one). */
  lookupsPerMinute: number;
}

type Fields = (name: string) => string | undefined;

/**
 * 群众诉求 and 监督举报 on a tenant's public pages, without login (issue 18): `/public/appeals/…` and
 * `/public/reports/…`. Forms post without JavaScript; a program posts JSON and gets JSON or
 * problem+json. Nothing about the sender — address, browser, time of day — is passed to the
 * supervision service; the address is held in memory for the rate limit only.
 */
@ApiExcludeController()
@Controller('public')
export class SupervisionPublicController {
  private readonly publicTenants: PublicTenants;
  private readonly filings: RateLimiter;
  private readonly lookups: RateLimiter;

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(SUPERVISION_PUBLIC_SETTINGS) settings: SupervisionPublicSettings,
  ) {
    this.publicTenants = new PublicTenants(rpc, 'supervision');
    this.filings = new RateLimiter(settings.filingsPerHour / 60, settings.filingsPerHour);
    this.lookups = new RateLimiter(settings.lookupsPerMinute, settings.lookupsPerMinute);
  }

  @Get('appeals/new')
  @Public()
  async appealForm(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply, '群众诉求', async (tenant, context) => {
      const form = await this.rpc.call(AppealService.method.getAppealForm, {}, { context });
      return appealFormPage(tenant.name, form.categories, form.places);
    });
  }

  @Post('appeals')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async fileAppeal(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '群众诉求', this.filings, async (tenant, context, field) => {
      const filed = await this.rpc.call(
        AppealService.method.fileAppeal,
        {
          category: field('category') ?? '',
          title: field('title') ?? '',
          content: field('content') ?? '',
          citizenName: field('citizenName') ?? '',
          citizenPhone: field('citizenPhone') ?? '',
          placeOrganisationId: field('placeOrganisationId') ?? '',
          publishConsent: field('publishConsent') === 'true',
        },
        { context },
      );
      return {
        json: { code: filed.code, dueOn: filed.dueOn },
        html: appealFiledPage(tenant.name, filed.code, filed.dueOn, '../'),
      };
    });
  }

  @Get('appeals/follow')
  @Public()
  async followAppeal(
    @Query('code') code: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.show(request, reply, '群众诉求', async (tenant, context) => {
      if (!code) return appealFollowFormPage(tenant.name);
      if (!this.lookups.take(`${tenant.id}|${addressOf(request)}`)) throw new TooFrequent();
      try {
        const { appeal } = await this.rpc.call(AppealService.method.followAppeal, { code }, { context });
        return appealPage(tenant.name, appeal!);
      } catch (error) {
        if (codeOf(error) === ErrorCode.NOT_FOUND || codeOf(error) === ErrorCode.VALIDATION)
          return appealFollowFormPage(tenant.name, '../', '没有找到这个查询码，请核对后重试。');
        throw error;
      }
    });
  }

  @Get('appeals/outcomes')
  @Public()
  async appealOutcomes(
    @Query('page') pageParam: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.show(request, reply, '群众诉求', async (tenant, context) => {
      // A page number beyond reason reads as the first: nothing here is worth a refusal.
      const pageNumber = /^\d{1,4}$/.test(pageParam ?? '') ? Math.max(1, Number(pageParam)) : 1;
      const { appeals, total } = await this.rpc.call(
        AppealService.method.listPublishedAppeals,
        { page: { offset: (pageNumber - 1) * OUTCOMES_PER_PAGE, limit: OUTCOMES_PER_PAGE } },
        { context },
      );
      return appealOutcomesPage(tenant.name, appeals, total, pageNumber);
    });
  }

  @Post('appeals/answer')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async answerAppeal(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '群众诉求', this.lookups, async (tenant, context, field) => {
      const { appeal } = await this.rpc.call(
        AppealService.method.answerAppeal,
        { code: field('code') ?? '', answer: field('answer') ?? '', note: field('note') ?? '' },
        { context },
      );
      return { json: { status: appeal!.status }, html: appealPage(tenant.name, appeal!, '../') };
    });
  }

  @Get('reports/new')
  @Public()
  async reportForm(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply, '监督举报', async (tenant, context) => {
      const form = await this.rpc.call(ReportService.method.getReportForm, {}, { context });
      return reportFormPage(tenant.name, form.organisations);
    });
  }

  @Post('reports')
  @BodyLimit(PUBLIC_FORM_FILE_BYTES)
  @Public()
  async fileReport(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '监督举报', this.filings, async (tenant, context, field) => {
      const organisationId = field('organisationId');
      // The photos are checked and cleaned before the report is filed: a refused one files nothing.
      const photos = cleanPhotos((request as { formFiles?: FormFile[] }).formFiles ?? []);
      const filed = await this.rpc.call(
        ReportService.method.fileReport,
        {
          ...(organisationId ? { organisationId } : {}),
          subjectNames: (field('subjectNames') ?? '').split(/[、，,;；\n]/),
          content: field('content') ?? '',
          reporterName: field('reporterName') ?? '',
          reporterContact: field('reporterContact') ?? '',
        },
        { context: anonymous(context) },
      );
      for (const [index, photo] of photos.entries())
        for (let offset = 0; offset < photo.data.length; offset += REPORT_PHOTO_PART_BYTES)
          await this.rpc.call(
            ReportService.method.attachToReport,
            {
              receiptCode: filed.receiptCode,
              secret: filed.secret,
              number: index + 1,
              contentType: photo.contentType,
              offset,
              data: photo.data.subarray(offset, offset + REPORT_PHOTO_PART_BYTES),
              size: photo.data.length,
            },
            { context: anonymous(context) },
          );
      return {
        json: { receiptCode: filed.receiptCode, secret: filed.secret, attachments: photos.length },
        html: reportFiledPage(tenant.name, filed.receiptCode, filed.secret, '../', photos.length),
      };
    });
  }

  @Get('reports/follow')
  @Public()
  async reportFollowForm(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply, '监督举报', async (tenant) => reportFollowFormPage(tenant.name));
  }

  @Post('reports/follow')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async followReport(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '监督举报', this.lookups, async (tenant, context, field) => {
      const secret = field('secret') ?? '';
      try {
        const { report } = await this.rpc.call(
          ReportService.method.followReport,
          { receiptCode: field('receiptCode') ?? '', secret, message: field('message') ?? '' },
          { context: anonymous(context) },
        );
        return { json: report!, html: reportPage(tenant.name, report!, secret, '../') };
      } catch (error) {
        if (codeOf(error) !== ErrorCode.NOT_FOUND) throw error;
        return {
          status: 404,
          json: { status: 404 },
          html: reportFollowFormPage(tenant.name, '../', '查询码或密码不正确，请核对后重试。'),
          error,
        };
      }
    });
  }

  @Get('wishes/new')
  @Public()
  async wishForm(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.show(request, reply, '微心愿', async (tenant, context) => {
      const form = await this.rpc.call(AppealService.method.getAppealForm, {}, { context });
      return wishFormPage(tenant.name, form.places);
    });
  }

  @Post('wishes')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async fileWish(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '微心愿', this.filings, async (tenant, context, field) => {
      const { code } = await this.rpc.call(
        MicroWishService.method.fileMicroWish,
        {
          organisationId: field('organisationId') ?? '',
          title: field('title') ?? '',
          content: field('content') ?? '',
          wisherName: field('wisherName') ?? '',
          wisherPhone: field('wisherPhone') ?? '',
        },
        { context },
      );
      return { json: { code }, html: wishFiledPage(tenant.name, code, '../') };
    });
  }

  @Get('wishes/follow')
  @Public()
  async followWish(
    @Query('code') code: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.show(request, reply, '微心愿', async (tenant, context) => {
      if (!code) return wishFollowFormPage(tenant.name);
      if (!this.lookups.take(`${tenant.id}|${addressOf(request)}`)) throw new TooFrequent();
      try {
        const { wish } = await this.rpc.call(MicroWishService.method.followMicroWish, { code }, { context });
        return wishPage(tenant.name, wish!);
      } catch (error) {
        if (codeOf(error) === ErrorCode.NOT_FOUND || codeOf(error) === ErrorCode.VALIDATION)
          return wishFollowFormPage(tenant.name, '../', '没有找到这个查询码，请核对后重试。');
        throw error;
      }
    });
  }

  @Post('wishes/confirm')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async confirmWish(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, '微心愿', this.lookups, async (tenant, context, field) => {
      const { wish } = await this.rpc.call(
        MicroWishService.method.confirmMicroWish,
        { code: field('code') ?? '' },
        { context },
      );
      return { json: { status: wish!.status }, html: wishPage(tenant.name, wish!, '../') };
    });
  }

  // ------------------------------------------------------------------------------------------------

  private async show(
    request: GatewayRequest,
    reply: FastifyReply,
    section: string,
    render: (tenant: Tenant, context: RequestContext) => Promise<string>,
  ) {
    const tenant = await this.tenant(request).catch(() => undefined);
    if (tenant === undefined)
      return html(reply, 503, messagePage(section, '暂时无法访问', '请稍后再试。', '../'));
    if (!tenant) return html(reply, 404, messagePage(section, '页面不存在', '没有找到这个页面。', '../'));
    try {
      return html(reply, 200, await render(tenant, contextOf(request, tenant)));
    } catch (error) {
      return failed(reply, tenant.name, error);
    }
  }

  /**
   * A form sent by a person (a page back) or by a program (JSON back, problem+json on refusal): the
   * tenant, a per-address limit, text fields checked as the edge checks JSON, then the work.
   */
  private async submit(
    request: GatewayRequest,
    reply: FastifyReply,
    section: string,
    limiter: RateLimiter,
    work: (
      tenant: Tenant,
      context: RequestContext,
      field: Fields,
    ) => Promise<{ json: object; html: string; status?: number; error?: unknown }>,
  ) {
    const tenant = await this.tenant(request).catch(() => undefined);
    if (tenant === undefined)
      return html(reply, 503, messagePage(section, '暂时无法访问', '请稍后再试。', '../'));
    if (!tenant) return html(reply, 404, messagePage(section, '页面不存在', '没有找到这个页面。', '../'));
    const key = `${tenant.id}|${addressOf(request)}`;
    if (!limiter.take(key)) {
      reply.header('retry-after', String(limiter.retryAfter(key)));
      return html(reply, 429, messagePage(tenant.name, '提交过于频繁', '请稍后再试。', '../'));
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = /x-www-form-urlencoded|multipart\/form-data/.test(
      String(request.headers['content-type'] ?? ''),
    );
    try {
      for (const [name, value] of Object.entries(body)) {
        if (typeof value !== 'string' && typeof value !== 'boolean')
          throw ValidationError.of(name, 'not_text');
        const problem = typeof value === 'string' ? textProblem(value) : undefined;
        if (problem) throw ValidationError.of(name, problem);
      }
      const field: Fields = (name) => {
        const value = body[name];
        return typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : undefined;
      };
      const done = await work(tenant, contextOf(request, tenant), field);
      if (done.error && !form) throw done.error;
      return form ? html(reply, done.status ?? 201, done.html) : reply.status(201).send(done.json);
    } catch (error) {
      // A program gets the problem+json every route gives; a person the page.
      if (!form) throw error;
      return failed(reply, tenant.name, error);
    }
  }

  private tenant(request: GatewayRequest): Promise<Tenant | null> {
    return this.publicTenants.of(request);
  }
}

class TooFrequent extends Error {}

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : undefined);

const contextOf = publicContext;

/** A report's context carries no request id either, so no log line of the service joins the gateway's. */
const anonymous = (context: RequestContext): RequestContext => ({ ...context, requestId: '' });

const html = (reply: FastifyReply, status: number, body: string) => htmlReply(reply, status, body);

function failed(reply: FastifyReply, tenantName: string, error: unknown) {
  if (error instanceof TooFrequent)
    return html(reply, 429, messagePage(tenantName, '查询过于频繁', '请稍后再试。', '../'));
  const code = codeOf(error);
  if (error instanceof NotFoundError || code === ErrorCode.NOT_FOUND)
    return html(reply, 404, messagePage(tenantName, '没有找到', '没有找到对应的记录。', '../'));
  if (error instanceof ValidationError || code === ErrorCode.VALIDATION)
    return html(
      reply,
      400,
      messagePage(tenantName, '提交的内容有误', '请检查必填项和格式（电话、字数）后重试。', '../'),
    );
  if (code === ErrorCode.RULE_VIOLATED)
    return html(reply, 422, messagePage(tenantName, '无法办理', '该事项当前状态不允许此操作。', '../'));
  return html(reply, 503, messagePage(tenantName, '暂时无法访问', '请稍后再试。', '../'));
}
