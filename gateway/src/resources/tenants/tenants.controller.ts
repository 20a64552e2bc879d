import { IdentityService, TENANT_STATUS, TENANT_TYPE, TenantStatus } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PlatformOperatorOnly } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { BrandingDto, CreateTenantDto, TENANT_STATUSES, TENANT_TYPES, TenantView, UpdateTenantDto } from './tenant.dto.js';
import { toTenantView } from './tenant-view.js';

const SORTABLE = ['slug', 'name', 'type', 'status', 'createdAt'] as const;

/** Platform operators administer tenants: list, create, edit, suspend, modules. */
@ApiTags('tenants')
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @PlatformOperatorOnly()
  @ApiOkResponse({ type: [TenantView] })
  @ApiQuery({ name: 'sort', required: false, example: '["name","ASC"]' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  @ApiQuery({ name: 'filter', required: false, example: '{"q":"acme","status":"active","type":"enterprise"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantView[]> {
    const { page, filter, offset } = parseListQuery(query, SORTABLE, { q: filterOf.text, status: filterOf.oneOf(TENANT_STATUSES), type: filterOf.oneOf(TENANT_TYPES) }, { sortField: 'createdAt' });
    const result = await this.rpc.call(IdentityService.method.listTenants, {
      page,
      query: filter.q ?? '',
      status: filter.status ? TENANT_STATUS.valueOf(filter.status)! : TenantStatus.UNSPECIFIED,
      type: filter.type ? TENANT_TYPE.valueOf(filter.type)! : undefined,
    });
    reply.header('Content-Range', contentRange('tenants', offset, result.tenants.length, result.total));
    return result.tenants.map(toTenantView);
  }

  @Get(':id')
  @PlatformOperatorOnly()
  @ApiOkResponse({ type: TenantView })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<TenantView> {
    const { tenant } = await this.rpc.call(IdentityService.method.getTenant, { id });
    return toTenantView(tenant!);
  }

  @Post()
  @HttpCode(201)
  @PlatformOperatorOnly()
  @ApiOkResponse({ type: TenantView })
  async create(@Body() body: CreateTenantDto): Promise<TenantView> {
    const { tenant } = await this.rpc.call(IdentityService.method.createTenant, {
      slug: body.slug,
      name: body.name,
      type: TENANT_TYPE.valueOf(body.type)!,
      modules: body.modules ?? [],
      ...(body.branding ? { branding: brandingOf(body.branding) } : {}),
    });
    return toTenantView(tenant!);
  }

  @Put(':id')
  @PlatformOperatorOnly()
  @ApiOkResponse({ type: TenantView })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateTenantDto): Promise<TenantView> {
    const { tenant } = await this.rpc.call(IdentityService.method.updateTenant, {
      id,
      ...(body.name !== undefined ? { name: body.name } : {}),
      status: body.status ? TENANT_STATUS.valueOf(body.status)! : TenantStatus.UNSPECIFIED,
      modules: body.modules ?? [],
      modulesSet: body.modules !== undefined,
      ...(body.branding ? { branding: brandingOf(body.branding) } : {}),
    });
    return toTenantView(tenant!);
  }
}

/** PUT carries the whole branding: an absent or cleared field is empty. */
function brandingOf(branding: BrandingDto) {
  return { displayName: branding.displayName ?? '', logoUrl: branding.logoUrl ?? '', primaryColour: branding.primaryColour ?? '' };
}
