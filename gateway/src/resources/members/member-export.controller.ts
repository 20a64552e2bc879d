import {
  SortOrder,
  GraduationService,
  ImportJobService,
  MemberService,
  OrganisationTreeService,
} from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { parseListQuery } from '../../http/list-query.js';
import { sendFile, workbookOf } from '../../http/spreadsheet.js';
import { MEMBER_FILTERS, memberListRequest } from './members.resource.js';

const PAGE = 500;
/** An export larger than this is refused: narrow the filter (a whole tenant is an import file's size). */
export const MAX_EXPORT_ROWS = 200_000;

/**
 * 导出: the filtered member list as .xlsx in the import template's columns (so an export can be
 * edited and imported again). Masked unless a tenant admin gives `reason`, which is audited per member.
 */
@ApiTags('members')
@Controller('api/v1/member-exports')
export class MemberExportController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'The member list as .xlsx, with the same filters as the list (masked numbers)' })
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","developmentStage":"full"}' })
  @ApiQuery({
    name: 'reason',
    required: false,
    description:
      'tenant admins: why the full ID-card numbers and phones are needed (audited); without it the file is masked',
  })
  async export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const reason = typeof query['reason'] === 'string' ? query['reason'].trim() : '';
    const { filter } = parseListQuery({ filter: query['filter'] }, ['name'], MEMBER_FILTERS, {
      sortField: 'name',
    });
    const { columns } = await this.rpc.call(ImportJobService.method.getImportTemplate, {
      kind: 'members',
    });
    const labels = new Map(columns.map((c) => [c.field, new Map(c.values.map((v) => [v.code, v.label]))]));
    const label = (field: string, code: string) => labels.get(field)?.get(code) ?? code;
    const codes = new Map<string, string>();
    const rows: Record<string, string>[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const result = await this.rpc.call(MemberService.method.listMembers, {
        page: { offset, limit: PAGE, sortField: 'name', sortOrder: SortOrder.ASC },
        ...memberListRequest(filter),
        ...(reason ? { revealReason: reason } : {}),
      });
      if (result.total > MAX_EXPORT_ROWS)
        throw ValidationError.of('filter', 'too_many_rows', { total: result.total, max: MAX_EXPORT_ROWS });
      const unknown = [...new Set(result.members.map((m) => m.organisationId))].filter(
        (id) => !codes.has(id),
      );
      if (unknown.length > 0) {
        const { organisations } = await this.rpc.call(OrganisationTreeService.method.listOrganisations, {
          page: { offset: 0, limit: unknown.length, sortField: 'name', sortOrder: SortOrder.ASC },
          ids: unknown,
        });
        for (const o of organisations) codes.set(o.id, o.code);
      }
      const revealed = new Map(result.revealed.map((r) => [r.memberId, r]));
      const students = result.members.filter((m) => m.occupation === 'student').map((m) => m.id);
      const graduations = new Map(
        students.length === 0
          ? []
          : (
              await this.rpc.call(GraduationService.method.listGraduations, {
                page: { offset: 0, limit: students.length },
                memberIds: students,
              })
            ).graduations.map((g) => [g.memberId, g]),
      );
      for (const m of result.members) {
        rows.push({
          name: m.name,
          idCardNumber: revealed.get(m.id)?.idCardNumber ?? m.idCardNumberMasked,
          gender: label('gender', m.gender),
          ethnicity: m.ethnicity,
          birthDate: m.birthDate,
          education: m.education,
          developmentStage: label('developmentStage', m.developmentStage),
          occupation: label('occupation', m.occupation),
          organisationCode: codes.get(m.organisationId) ?? '',
          joinedOn: m.joinedOn ?? '',
          confirmedOn: m.confirmedOn ?? '',
          stageSince: m.stageSince,
          workUnit: m.workUnit,
          address: m.address,
          phone: revealed.get(m.id)?.phone ?? m.phoneMasked,
          mobile: m.mobile ? '是' : '否',
          graduatesOn: graduations.get(m.id)?.graduatesOn ?? '',
          graduateDestination: graduations.has(m.id)
            ? label('graduateDestination', graduations.get(m.id)!.destination)
            : '',
          graduateEmployer: graduations.get(m.id)?.employer ?? '',
        });
      }
      if (offset + PAGE >= result.total) break;
    }
    const file = await workbookOf(
      '党员信息',
      columns.map((c) => ({ header: c.header, key: c.field })),
      rows,
    );
    return sendFile(reply, file, reason ? '党员信息（含完整证件号）.xlsx' : '党员信息.xlsx');
  }
}
