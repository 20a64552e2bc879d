import { OrganisationService, type Member } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CreateMemberDto, DEVELOPMENT_STAGES, MEMBER_STATUSES, RevealDto, UpdateMemberDto } from './member.dto.js';


function toView(m: Member) {
  const { $typeName: _type, ...view } = m;
  return { ...view, joinedOn: m.joinedOn || null, confirmedOn: m.confirmedOn || null, userId: m.userId || null };
}

/** Member records: ID-card numbers and phones are masked here; unmasking is its own audited action. */
@ApiTags('members')
@Controller('api/v1/members')
export class MembersController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","q":"张","developmentStage":"full","status":"active","idCardNumber":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(
      query,
      ['name'],
      { withinId: filterOf.uuid, q: filterOf.text, developmentStage: filterOf.oneOf(DEVELOPMENT_STAGES), status: filterOf.oneOf(MEMBER_STATUSES), idCardNumber: filterOf.text, id: filterOf.uuids },
      { sortField: 'name' },
    );
    const result = await this.rpc.call(OrganisationService.method.listMembers, {
      page, withinId: filter.withinId ?? '', query: filter.q ?? '', developmentStage: filter.developmentStage ?? '', status: filter.status ?? '', idCardNumber: filter.idCardNumber ?? '', ids: filter.id ?? [],
    });
    reply.header('Content-Range', contentRange('members', offset, result.members.length, result.total));
    return result.members.map(toView);
  }

  @Get(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toView((await this.rpc.call(OrganisationService.method.getMember, { id })).member!);
  }

  @Get(':id/history')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async history(@Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.rpc.call(OrganisationService.method.listMemberChanges, { id })).changes.map(({ changedBy, changedAt, reason, fields }) => ({ changedBy, changedAt, reason, fields }));
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async create(@Body() body: CreateMemberDto) {
    const { member } = await this.rpc.call(OrganisationService.method.createMember, {
      organisationId: body.organisationId, name: body.name, ethnicity: body.ethnicity ?? '', idCardNumber: body.idCardNumber, phone: body.phone ?? '',
      education: body.education ?? '', occupation: body.occupation, workUnit: body.workUnit ?? '', address: body.address ?? '',
      developmentStage: body.developmentStage, joinedOn: body.joinedOn ?? '', confirmedOn: body.confirmedOn ?? '', mobile: body.mobile ?? false, userId: body.userId ?? '',
      stageSince: body.stageSince ?? '',
    });
    return toView(member!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateMemberDto) {
    const { reason, ...fields } = body;
    return toView((await this.rpc.call(OrganisationService.method.updateMember, { id, reason, ...fields })).member!);
  }

  /** The full ID-card number and phone, with a reason; recorded in the PII access log. */
  @Post(':id/unmask')
  @HttpCode(200)
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  async unmask(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RevealDto) {
    const { idCardNumber, phone } = await this.rpc.call(OrganisationService.method.revealMemberPii, { id, reason: body.reason });
    return { idCardNumber, phone };
  }
}
