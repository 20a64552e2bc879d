import { OrganisationService, POSITION_KIND, type Position } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CreatePositionDto, EndPositionDto, PositionView } from './position.dto.js';


function toView(p: Position): PositionView {
  return {
    id: p.id, organisationId: p.organisationId, kind: POSITION_KIND.nameOf(p.kind) ?? 'unspecified', holderName: p.holderName, holderUserId: p.holderUserId || null,
    holderMemberId: p.holderMemberId || null, termStart: p.termStart, termEnd: p.termEnd, endedOn: p.endedOn || null, current: p.current, termEndingSoon: p.termEndingSoon, createdAt: p.createdAt,
  };
}

/** Secretaries, deputy secretaries and committee members with their terms (换届 reminders). */
@ApiTags('positions')
@Controller('api/v1/positions')
export class PositionsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: [PositionView] })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","current":true,"endingSoon":true}' })
  @ApiQuery({ name: 'sort', required: false, example: '["termEnd","ASC"]' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<PositionView[]> {
    const { page, filter, offset } = parseListQuery(query, ['termEnd'], { withinId: filterOf.uuid, current: filterOf.bool, endingSoon: filterOf.bool }, { sortField: 'termEnd' });
    const result = await this.rpc.call(OrganisationService.method.listPositions, {
      page, withinId: filter.withinId ?? '', currentOnly: filter.current ?? false, endingSoonOnly: filter.endingSoon ?? false,
    });
    reply.header('Content-Range', contentRange('positions', offset, result.positions.length, result.total));
    return result.positions.map(toView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: PositionView })
  async create(@Body() body: CreatePositionDto): Promise<PositionView> {
    const { position } = await this.rpc.call(OrganisationService.method.createPosition, {
      organisationId: body.organisationId, kind: POSITION_KIND.valueOf(body.kind)!, holderName: body.holderName ?? '', holderUserId: body.holderUserId ?? '',
      holderMemberId: body.holderMemberId ?? '', termStart: body.termStart, termEnd: body.termEnd,
    });
    return toView(position!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOkResponse({ type: PositionView })
  async end(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: EndPositionDto): Promise<PositionView> {
    return toView((await this.rpc.call(OrganisationService.method.endPosition, { id, endedOn: body.endedOn })).position!);
  }
}
