import { GRID_LABEL, GridLabel, ORGANISATION_KIND, OrganisationKind, OrganisationService, type Organisation } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CreateOrganisationDto, DissolveOrganisationDto, ORGANISATION_KINDS, OrganisationView, UpdateOrganisationDto } from './organisation.dto.js';

const SORTABLE = ['name', 'code', 'kind', 'depth', 'createdAt'] as const;

function toView(o: Organisation): OrganisationView {
  return {
    id: o.id, name: o.name, code: o.code, kind: ORGANISATION_KIND.nameOf(o.kind) ?? 'unspecified', parentId: o.parentId || null, ancestorIds: o.ancestorIds,
    depth: o.depth, joint: o.joint, gridLabel: GRID_LABEL.nameOf(o.gridLabel) ?? '', contact: o.contact, foundedOn: o.foundedOn || null,
    childCount: o.childCount, fullMemberCount: o.fullMemberCount, memberCount: o.memberCount, formationWarnings: o.formationWarnings, createdAt: o.createdAt, updatedAt: o.updatedAt,
    status: o.status, dissolvedOn: o.dissolvedOn || null, successorId: o.successorId || null,
  };
}

/** A tenant's party organisation tree: tenant admins the whole tree, secretaries their subtrees. */
@ApiTags('organisations')
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: [OrganisationView] })
  @ApiQuery({ name: 'filter', required: false, example: '{"parentId":"…","withinId":"…","kind":"branch","roots":true,"q":"研发"}' })
  @ApiQuery({ name: 'sort', required: false, example: '["name","ASC"]' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrganisationView[]> {
    const { page, filter, offset } = parseListQuery(
      query,
      SORTABLE,
      { q: filterOf.text, parentId: filterOf.uuid, withinId: filterOf.uuid, kind: filterOf.oneOf(ORGANISATION_KINDS), roots: filterOf.bool, id: filterOf.uuids, includeDissolved: filterOf.bool },
      { sortField: 'name' },
    );
    const result = await this.rpc.call(OrganisationService.method.listOrganisations, {
      page, query: filter.q ?? '', parentId: filter.parentId ?? '', withinId: filter.withinId ?? '',
      kind: filter.kind ? ORGANISATION_KIND.valueOf(filter.kind)! : OrganisationKind.UNSPECIFIED, rootsOnly: filter.roots ?? false, ids: filter.id ?? [], includeDissolved: filter.includeDissolved ?? false,
    });
    reply.header('Content-Range', contentRange('organisations', offset, result.organisations.length, result.total));
    return result.organisations.map(toView);
  }

  @Get(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: OrganisationView })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrganisationView> {
    return toView((await this.rpc.call(OrganisationService.method.getOrganisation, { id })).organisation!);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: OrganisationView })
  async create(@Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    const { organisation } = await this.rpc.call(OrganisationService.method.createOrganisation, {
      name: body.name, code: body.code, kind: ORGANISATION_KIND.valueOf(body.kind)!, parentId: body.parentId ?? '', joint: body.joint ?? false,
      gridLabel: GRID_LABEL.valueOf(body.gridLabel ?? '')!, contact: body.contact ?? '', foundedOn: body.foundedOn ?? '',
    });
    return toView(organisation!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: OrganisationView })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateOrganisationDto): Promise<OrganisationView> {
    const { organisation } = await this.rpc.call(OrganisationService.method.updateOrganisation, {
      id,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.code !== undefined ? { code: body.code } : {}),
      ...(body.joint !== undefined ? { joint: body.joint } : {}),
      gridLabel: body.gridLabel ? GRID_LABEL.valueOf(body.gridLabel)! : GridLabel.UNSPECIFIED,
      ...(body.contact !== undefined ? { contact: body.contact } : {}),
      ...(body.foundedOn !== undefined ? { foundedOn: body.foundedOn } : {}),
      newParentId: body.parentId ?? '',
    });
    return toView(organisation!);
  }

  /** 撤销 / 合并 (merge when successorId is given): nobody is orphaned, the history is kept. */
  @Post(':id/dissolve')
  @HttpCode(200)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async dissolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DissolveOrganisationDto) {
    const result = await this.rpc.call(OrganisationService.method.dissolveOrganisation, {
      id, reason: body.reason, successorId: body.successorId ?? '', dissolvedOn: body.dissolvedOn ?? '',
    });
    return { organisation: toView(result.organisation!), membersMoved: result.membersMoved, childrenMoved: result.childrenMoved };
  }
}
