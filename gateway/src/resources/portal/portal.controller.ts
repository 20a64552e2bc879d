import { ErrorCode, PortalService, type Tenant } from '@dangjian/contracts';
import {
  DomainError,
  NotFoundError,
  RateLimiter,
  RpcClient,
  ValidationError,
  type RequestContext,
} from '@dangjian/kit';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/access.decorators.js';
import type { GatewayRequest } from '../../auth/access.guard.js';
import { htmlReply, publicContext, PublicTenants } from '../../http/public-pages.js';
import { addressOf } from '../../http/public-limits.js';
import { textProblem } from '../../http/request-body.js';
import { commitmentPage, itemPage, messagePage, noticePage, portalPage } from './render.js';
import { PortalCache } from './portal-cache.js';
import { BodyLimit } from '../../http/body-limits.js';
import { PUBLIC_FORM_BYTES } from '../../http/edge.js';

export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');
/** One cache per gateway process, shared with the hook in start.ts that answers hits before routing. */
export const PORTAL_CACHE = Symbol('PORTAL_CACHE');
export interface PortalSettings {
  cacheMs: number;
  /** Pages not in the cache, per address and minute (each asks the disclosure service). */
  missesPerMinute: number;
  /** Objections and appraisals per address, tenant and hour. */
  submissionsPerHour: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 党务公开 · the public portal of a tenant, without login (issue 17): `<slug>.<base domain>/public/`
 * or `/t/<slug>/public/`. Rendered here from the disclosure service's answers and kept for a few
 * seconds, so a burst of readers costs one request; a reader's misses and objections are rate limited
 * per address. HTML only, readable on a phone without scripts; the forms work without JavaScript.
 */
@ApiExcludeController()
@Controller('public')
export class PortalController {
  private readonly pages: PortalCache;
  private readonly publicTenants: PublicTenants;
  private readonly misses: RateLimiter;
  private readonly submissions: RateLimiter;

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(PORTAL_SETTINGS) settings: PortalSettings,
    @Inject(PORTAL_CACHE) pages: PortalCache,
  ) {
    this.pages = pages;
    this.publicTenants = new PublicTenants(rpc, 'disclosure');
    this.misses = new RateLimiter(settings.missesPerMinute, settings.missesPerMinute);
    this.submissions = new RateLimiter(settings.submissionsPerHour / 60, settings.submissionsPerHour);
  }

  /** Relative links need the trailing slash: /t/<slug>/public → /t/<slug>/public/ */
  @Get()
  @Public()
  home(@Res() reply: FastifyReply) {
    return reply.redirect('public/', 301);
  }

  /** `/public/` (start.ts answers it here). */
  @Get('index')
  @Public()
  async index(@Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.serve(request, reply, 'index', async (tenant, context) => {
      const portal = await this.rpc.call(PortalService.method.getPortal, {}, { context });
      return portalPage(
        tenant.name,
        portal.items,
        portal.publicityNotices,
        portal.commitments,
        tenant.modules.includes('supervision'),
      );
    });
  }

  @Get('items/:id')
  @Public()
  async item(@Param('id') id: string, @Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.serve(request, reply, `items/${id}`, async (tenant, context) => {
      if (!UUID.test(id)) throw new NotFoundError('disclosure item', id);
      const { item } = await this.rpc.call(PortalService.method.getPublicItem, { id }, { context });
      return itemPage(tenant.name, item!);
    });
  }

  @Get('publicity/:id')
  @Public()
  async notice(@Param('id') id: string, @Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.serve(request, reply, `publicity/${id}`, async (tenant, context) => {
      if (!UUID.test(id)) throw new NotFoundError('publicity notice', id);
      const { notice } = await this.rpc.call(PortalService.method.getPublicityNotice, { id }, { context });
      return noticePage(tenant.name, notice!);
    });
  }

  @Get('commitments/:id')
  @Public()
  async commitment(@Param('id') id: string, @Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.serve(request, reply, `commitments/${id}`, async (tenant, context) => {
      if (!UUID.test(id)) throw new NotFoundError('commitment', id);
      const { commitment } = await this.rpc.call(
        PortalService.method.getPublicCommitment,
        { id },
        { context },
      );
      return commitmentPage(tenant.name, commitment!);
    });
  }

  /** The public's appraisal form (counted, never named; limited per address like objections). */
  @Post('commitments/:id/appraisals')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async appraise(@Param('id') id: string, @Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(request, reply, async (tenant, context, field) => {
      await this.rpc.call(
        PortalService.method.appraisePublicCommitment,
        { id, grade: field('grade') ?? '' },
        { context },
      );
      const { commitment } = await this.rpc.call(
        PortalService.method.getPublicCommitment,
        { id },
        { context },
      );
      return { json: {}, html: commitmentPage(tenant.name, commitment!, true, '../../') };
    });
  }

  /** The objection form's target (application/x-www-form-urlencoded, or JSON). */
  @Post('publicity/:id/objections')
  @BodyLimit(PUBLIC_FORM_BYTES)
  @Public()
  async object(@Param('id') id: string, @Req() request: GatewayRequest, @Res() reply: FastifyReply) {
    return this.submit(
      request,
      reply,
      async (tenant, context, field) => {
        const { reference } = await this.rpc.call(
          PortalService.method.filePublicityObjection,
          {
            publicityId: id,
            content: field('content') ?? '',
            name: field('name'),
            contact: field('contact'),
          },
          { context },
        );
        const { notice } = await this.rpc.call(PortalService.method.getPublicityNotice, { id }, { context });
        return { json: { reference }, html: noticePage(tenant.name, notice!, reference, '../../') };
      },
      '请填写意见内容（不超过 2000 字），姓名不超过 50 字，联系方式不超过 100 字。',
    );
  }

  /**
   * A form sent by a person (a page back) or by a program (JSON back, problem+json on refusal): the
   * tenant, a per-address limit, text fields checked as the edge checks JSON, then the work.
   */
  private async submit(
    request: GatewayRequest,
    reply: FastifyReply,
    work: (
      tenant: Tenant,
      context: RequestContext,
      field: (name: string) => string | undefined,
    ) => Promise<{ json: object; html: string }>,
    invalid = '提交的内容有误，请检查后重试。',
  ) {
    const home = '../../';
    const tenant = await this.tenant(request);
    if (!tenant)
      return this.html(reply, 404, messagePage('党务公开', '页面不存在', '没有找到这个页面。', home));
    const key = `${tenant.id}|${addressOf(request)}`;
    if (!this.submissions.take(key)) {
      reply.header('retry-after', String(this.submissions.retryAfter(key)));
      return this.html(reply, 429, messagePage(tenant.name, '提交过于频繁', '请稍后再试。', home));
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    try {
      if (!UUID.test((request.params as { id: string }).id)) throw new NotFoundError('page', '');
      for (const [name, value] of Object.entries(body)) {
        if (typeof value !== 'string') throw ValidationError.of(name, 'not_text');
        const problem = textProblem(value);
        if (problem) throw ValidationError.of(name, problem);
      }
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
      const done = await work(tenant, this.contextOf(request, tenant), field);
      return form ? this.html(reply, 201, done.html) : reply.status(201).send(done.json);
    } catch (error) {
      // A program gets the problem+json every route gives; a person the page.
      if (!form) throw error;
      return this.failed(reply, tenant.name, error, home, invalid);
    }
  }

  private async serve(
    request: GatewayRequest,
    reply: FastifyReply,
    path: string,
    render: (tenant: Tenant, context: RequestContext) => Promise<string>,
  ) {
    const key = PortalCache.key(request.tenantSlug ?? '', path);
    const home = path === 'index' ? './' : '../';
    const copy = this.pages.lookup(key);
    if (copy) {
      // An older copy is served at once while one reader's request has it rendered again.
      if (!copy.fresh && !this.pages.rendering(key)) void this.refresh(request, key, render);
      return this.html(reply, 200, copy.body, true);
    }
    // A miss asks the disclosure service: limited per address. Joining a render under way is free.
    const address = addressOf(request);
    if (!this.pages.rendering(key) && !this.misses.take(address)) {
      reply.header('retry-after', String(this.misses.retryAfter(address)));
      return this.html(reply, 429, messagePage('党务公开', '访问过于频繁', '请稍后再试。', home));
    }
    const tenant = await this.tenant(request).catch(() => undefined);
    if (tenant === undefined) {
      return this.html(reply, 503, messagePage('党务公开', '暂时无法访问', '请稍后再试。', home));
    }
    if (!tenant)
      return this.html(reply, 404, messagePage('党务公开', '页面不存在', '没有找到这个页面。', home));
    try {
      const page = await this.pages.render(key, () => render(tenant, this.contextOf(request, tenant)));
      return this.html(reply, 200, page, true);
    } catch (error) {
      return this.failed(reply, tenant.name, error, home);
    }
  }

  /** Renders a page again behind an older copy; one that is gone is forgotten. */
  private async refresh(
    request: GatewayRequest,
    key: string,
    render: (tenant: Tenant, context: RequestContext) => Promise<string>,
  ): Promise<void> {
    try {
      const tenant = await this.tenant(request);
      if (!tenant) return this.pages.forget(key);
      await this.pages.render(key, () => render(tenant, this.contextOf(request, tenant)));
    } catch (error) {
      const code = error instanceof DomainError ? error.code : undefined;
      if (code === ErrorCode.NOT_FOUND) this.pages.forget(key);
      // Otherwise the older copy stays until it is too old, and the next reader tries again.
    }
  }

  private tenant(request: GatewayRequest): Promise<Tenant | null> {
    return this.publicTenants.of(request);
  }

  private contextOf(request: GatewayRequest, tenant: Tenant): RequestContext {
    return publicContext(request, tenant);
  }

  private failed(
    reply: FastifyReply,
    tenantName: string,
    error: unknown,
    home: string,
    invalid = '提交的内容有误，请检查后重试。',
  ) {
    const code = error instanceof DomainError ? error.code : undefined;
    if (error instanceof NotFoundError || code === ErrorCode.NOT_FOUND) {
      return this.html(
        reply,
        404,
        messagePage(tenantName, '页面不存在', '没有找到这个页面，或它已不再公开。', home),
      );
    }
    if (error instanceof ValidationError || code === ErrorCode.VALIDATION) {
      return this.html(reply, 400, messagePage(tenantName, '提交的内容有误', invalid, home));
    }
    if (code === ErrorCode.RULE_VIOLATED) {
      return this.html(reply, 422, messagePage(tenantName, '无法受理', '公示期已结束，不再受理意见。', home));
    }
    return this.html(reply, 503, messagePage(tenantName, '暂时无法访问', '请稍后再试。', home));
  }

  private html(reply: FastifyReply, status: number, html: string | Buffer, cacheable = false) {
    return htmlReply(reply, status, html, cacheable);
  }
}
