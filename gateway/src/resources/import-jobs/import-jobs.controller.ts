import { IMPORT_CHUNK_BYTES, IMPORT_KINDS, OrganisationService, type ImportJob } from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { sendFile, workbookOf, XLSX_TYPE } from '../../http/spreadsheet.js';

export const IMPORT_CONTENT_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

const toView = (job: ImportJob) => {
  const { $typeName: _type, ...view } = job;
  return { ...view, finishedAt: job.finishedAt || null, failure: job.failure || null };
};

/** The format from the file name, else from the content type. */
function formatOf(fileName: string, contentType: string | undefined): 'csv' | 'xlsx' | undefined {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (contentType?.startsWith('text/csv')) return 'csv';
  if (contentType?.startsWith(XLSX_TYPE)) return 'xlsx';
  return undefined;
}

/** 批量导入: members or organisations from .xlsx / .csv in the documented template. */
@ApiTags('import-jobs')
@Controller('api/v1/import-jobs')
export class ImportJobsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  /** The file is the request body (text/csv or .xlsx); answers 202 with the job, which then runs. */
  @Post()
  @HttpCode(202)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({ description: 'the file itself' })
  @ApiQuery({ name: 'kind', enum: IMPORT_KINDS })
  @ApiQuery({ name: 'fileName', example: '党员信息.xlsx' })
  async create(@Query('kind') kind: string, @Query('fileName') fileName: string | undefined, @Headers('content-type') contentType: string | undefined, @Body() body: unknown) {
    const name = (fileName ?? '').trim();
    const format = formatOf(name, contentType);
    const problems = [
      ...((IMPORT_KINDS as readonly string[]).includes(kind) ? [] : [{ field: 'kind', description: `must be one of ${IMPORT_KINDS.join(', ')}` }]),
      ...(name ? [] : [{ field: 'fileName', description: 'give the file name (…csv or …xlsx)' }]),
      ...(format ? [] : [{ field: 'fileName', description: 'must end in .csv or .xlsx' }]),
      ...(Buffer.isBuffer(body) && body.length > 0 ? [] : [{ field: 'body', description: 'send the file as the body, content type text/csv or .xlsx' }]),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const file = body as Buffer;
    const { job } = await this.rpc.call(OrganisationService.method.createImportJob, { kind, format: format!, fileName: name, sizeBytes: file.length });
    for (let offset = 0, sequence = 0; offset < file.length; offset += IMPORT_CHUNK_BYTES, sequence++) {
      await this.rpc.call(OrganisationService.method.appendImportChunk, { jobId: job!.id, sequence, data: file.subarray(offset, offset + IMPORT_CHUNK_BYTES) });
    }
    return toView((await this.rpc.call(OrganisationService.method.startImportJob, { jobId: job!.id })).job!);
  }

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, offset } = parseListQuery(query, ['createdAt'], {}, { sortField: 'createdAt' });
    const result = await this.rpc.call(OrganisationService.method.listImportJobs, { page });
    reply.header('Content-Range', contentRange('import-jobs', offset, result.jobs.length, result.total));
    return result.jobs.map(toView);
  }

  @Get(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toView((await this.rpc.call(OrganisationService.method.getImportJob, { id })).job!);
  }

  /** Resumes a job that stopped (e.g. the service restarted) from its last committed batch. */
  @Post(':id/resume')
  @HttpCode(202)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async resume(@Param('id', new ParseUUIDPipe()) id: string) {
    return toView((await this.rpc.call(OrganisationService.method.startImportJob, { jobId: id })).job!);
  }
}

/** The bad rows of an import job: row number, column, reason. */
@ApiTags('import-jobs')
@Controller('api/v1/import-job-errors')
export class ImportJobErrorsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"jobId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['rowNumber'], { jobId: filterOf.uuid }, { sortField: 'rowNumber' });
    const result = await this.rpc.call(OrganisationService.method.listImportJobErrors, { page, jobId: filter.jobId ?? '' });
    reply.header('Content-Range', contentRange('import-job-errors', offset, result.errors.length, result.total));
    return result.errors.map(({ rowNumber, column, reason }) => ({ id: `${rowNumber}:${column}`, rowNumber, column, reason }));
  }
}

/** The import templates as .xlsx: the header row, an example row, and a sheet explaining each column. */
@ApiTags('import-jobs')
@Controller('api/v1/import-templates')
export class ImportTemplatesController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':kind')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async download(@Param('kind') kind: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { columns } = await this.rpc.call(OrganisationService.method.getImportTemplate, { kind });
    const notes = [
      ['列名', '必填', '说明', '可选值'],
      ...columns.map((c) => [c.header, c.required ? '是' : '否', c.description, c.values.map((v) => v.label).join('、')]),
    ];
    const example = Object.fromEntries(columns.map((c) => [c.field, c.example]));
    const file = await workbookOf(kind === 'members' ? '党员信息' : '党组织信息', columns.map((c) => ({ header: c.header, key: c.field })), [example], notes);
    return sendFile(reply, file, kind === 'members' ? '党员信息导入模板.xlsx' : '党组织信息导入模板.xlsx');
  }
}
