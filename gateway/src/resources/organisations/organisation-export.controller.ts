import { GRID_LABEL, ORGANISATION_KIND, OrganisationKind, OrganisationService, SortOrder, type Organisation } from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { filterOf, parseListQuery } from '../../http/list-query.js';
import { sendFile, workbookOf } from '../../http/spreadsheet.js';
import { ORGANISATION_KINDS } from './organisation.dto.js';

const PAGE = 500;
const MAX_EXPORT_ROWS = 100_000;

/** 导出: the filtered organisations as .xlsx in the import template's columns (re-importable). */
@ApiTags('organisations')
@Controller('api/v1/organisation-exports')
export class OrganisationExportController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","kind":"branch"}' })
  async export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter } = parseListQuery(
      { filter: query['filter'] },
      ['name'],
      { q: filterOf.text, withinId: filterOf.uuid, kind: filterOf.oneOf(ORGANISATION_KINDS), includeDissolved: filterOf.bool },
      { sortField: 'name' },
    );
    const { columns } = await this.rpc.call(OrganisationService.method.getImportTemplate, { kind: 'organisations' });
    const labels = new Map(columns.map((c) => [c.field, new Map(c.values.map((v) => [v.code, v.label]))]));
    const label = (field: string, code: string) => (code ? (labels.get(field)?.get(code) ?? code) : '');
    const organisations: Organisation[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const result = await this.rpc.call(OrganisationService.method.listOrganisations, {
        page: { offset, limit: PAGE, sortField: 'depth', sortOrder: SortOrder.ASC },
        query: filter.q ?? '', withinId: filter.withinId ?? '', kind: filter.kind ? ORGANISATION_KIND.valueOf(filter.kind)! : OrganisationKind.UNSPECIFIED,
        includeDissolved: filter.includeDissolved ?? false,
      });
      if (result.total > MAX_EXPORT_ROWS) throw new ValidationError([{ field: 'filter', description: `${result.total} organisations match; export at most ${MAX_EXPORT_ROWS} at a time` }]);
      organisations.push(...result.organisations);
      if (offset + PAGE >= result.total) break;
    }
    // Parents first (sorted by depth), so the file imports in order; parents outside the list are looked up.
    const codes = new Map(organisations.map((o) => [o.id, o.code]));
    const missing = [...new Set(organisations.map((o) => o.parentId).filter((id) => id && !codes.has(id)))];
    for (let i = 0; i < missing.length; i += PAGE) {
      const { organisations: parents } = await this.rpc.call(OrganisationService.method.listOrganisations, {
        page: { offset: 0, limit: PAGE, sortField: 'name', sortOrder: SortOrder.ASC }, ids: missing.slice(i, i + PAGE),
      });
      for (const parent of parents) codes.set(parent.id, parent.code);
    }
    const rows = organisations.map((o) => ({
      name: o.name,
      code: o.code,
      kind: label('kind', ORGANISATION_KIND.nameOf(o.kind) ?? ''),
      parentCode: o.parentId ? (codes.get(o.parentId) ?? '') : '',
      joint: o.joint ? '是' : '否',
      gridLabel: label('gridLabel', GRID_LABEL.nameOf(o.gridLabel) ?? ''),
      contact: o.contact,
      foundedOn: o.foundedOn,
    }));
    const file = await workbookOf('党组织信息', columns.map((c) => ({ header: c.header, key: c.field })), rows);
    return sendFile(reply, file, '党组织信息.xlsx');
  }
}
