import {
  GRID_LABEL,
  ORGANISATION_KIND,
  ListOrganisationsRequestSchema,
  SortOrder,
  type Organisation,
  ImportJobService,
  OrganisationTreeService,
} from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { toRequest } from '../../http/json-view.js';
import { parseListQuery } from '../../http/list-query.js';
import { sendFile, workbookOf } from '../../http/spreadsheet.js';
import { ORGANISATION_FILTERS, organisationListRequest } from './organisations.resource.js';

const PAGE = 500;
const MAX_EXPORT_ROWS = 100_000;

/** 导出: the filtered organisations as .xlsx in the import template's columns (re-importable). */
@ApiTags('organisations')
@Controller('api/v1/organisation-exports')
export class OrganisationExportController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'The organisation list as .xlsx, with the same filters as the list' })
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","kind":"branch"}' })
  async export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter } = parseListQuery({ filter: query['filter'] }, ['name'], ORGANISATION_FILTERS, {
      sortField: 'name',
    });
    const { columns } = await this.rpc.call(ImportJobService.method.getImportTemplate, {
      kind: 'organisations',
    });
    const labels = new Map(columns.map((c) => [c.field, new Map(c.values.map((v) => [v.code, v.label]))]));
    const label = (field: string, code: string) => (code ? (labels.get(field)?.get(code) ?? code) : '');
    const organisations: Organisation[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const result = await this.rpc.call(OrganisationTreeService.method.listOrganisations, {
        page: { offset, limit: PAGE, sortField: 'depth', sortOrder: SortOrder.ASC },
        ...toRequest(ListOrganisationsRequestSchema, organisationListRequest(filter)),
      });
      if (result.total > MAX_EXPORT_ROWS)
        throw ValidationError.of('filter', 'too_many_rows', { total: result.total, max: MAX_EXPORT_ROWS });
      organisations.push(...result.organisations);
      if (offset + PAGE >= result.total) break;
    }
    // Parents first (sorted by depth), so the file imports in order; parents outside the list are looked up.
    const codes = new Map(organisations.map((o) => [o.id, o.code]));
    const missing = [
      ...new Set(organisations.flatMap((o) => (o.parentId && !codes.has(o.parentId) ? [o.parentId] : []))),
    ];
    for (let i = 0; i < missing.length; i += PAGE) {
      const { organisations: parents } = await this.rpc.call(
        OrganisationTreeService.method.listOrganisations,
        {
          page: { offset: 0, limit: PAGE, sortField: 'name', sortOrder: SortOrder.ASC },
          ids: missing.slice(i, i + PAGE),
        },
      );
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
      foundedOn: o.foundedOn ?? '',
    }));
    const file = await workbookOf(
      '党组织信息',
      columns.map((c) => ({ header: c.header, key: c.field })),
      rows,
    );
    return sendFile(reply, file, '党组织信息.xlsx');
  }
}
