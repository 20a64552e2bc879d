import {
  IMPORT_CHUNK_BYTES,
  IMPORT_KINDS,
  ImportJobSchema,
  ImportJobService,
  MAX_IMPORT_BYTES,
} from '@dangjian/contracts';
import { RpcClient, ValidationError, fieldProblem } from '@dangjian/kit';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { toJson } from '../../http/json-view.js';
import { sendFile, spreadsheetFormatOf, workbookOf, XLSX_TYPE } from '../../http/spreadsheet.js';
import { FileBody } from '../../http/body-limits.js';

/** 批量导入's upload: the file is the body, so it is written by hand beside the resource. */
@ApiTags('import-jobs')
@Controller('api/v1/import-jobs')
export class ImportJobsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  /** The file is the request body (text/csv or .xlsx); answers 202 with the job, which then runs. */
  @Post()
  @HttpCode(202)
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOperation({ summary: 'Upload a file of members or organisations to import (202: the job runs)' })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @FileBody(MAX_IMPORT_BYTES)
  @ApiBody({ description: 'the file itself' })
  @ApiQuery({ name: 'kind', enum: IMPORT_KINDS })
  @ApiQuery({ name: 'fileName', example: '党员信息.xlsx' })
  async create(
    @Query('kind') kind: string,
    @Query('fileName') fileName: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ) {
    const name = (fileName ?? '').trim();
    const format = spreadsheetFormatOf(name, contentType);
    const problems = [
      ...((IMPORT_KINDS as readonly string[]).includes(kind)
        ? []
        : [fieldProblem('kind', 'not_one_of', { allowed: IMPORT_KINDS.join(', ') })]),
      ...(name ? [] : [fieldProblem('fileName', 'required')]),
      ...(name && !format ? [fieldProblem('fileName', 'file_name')] : []),
      // The file itself is the body (text/csv or .xlsx).
      ...(Buffer.isBuffer(body) && body.length > 0 ? [] : [fieldProblem('body', 'required')]),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const file = body as Buffer;
    const { job } = await this.rpc.call(ImportJobService.method.createImportJob, {
      kind,
      format: format!,
      fileName: name,
      sizeBytes: file.length,
    });
    for (let offset = 0, sequence = 0; offset < file.length; offset += IMPORT_CHUNK_BYTES, sequence++) {
      await this.rpc.call(ImportJobService.method.appendImportChunk, {
        jobId: job!.id,
        sequence,
        data: file.subarray(offset, offset + IMPORT_CHUNK_BYTES),
      });
    }
    const started = await this.rpc.call(ImportJobService.method.startImportJob, { jobId: job!.id });
    return toJson(ImportJobSchema, started.job!);
  }
}

/** The import templates as .xlsx: the header row, an example row, and a sheet explaining each column. */
@ApiTags('import-jobs')
@Controller('api/v1/import-templates')
export class ImportTemplatesController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':kind')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  @ApiOperation({
    summary: 'The import template as .xlsx: headers, an example row, a sheet explaining each column',
  })
  @ApiProduces(XLSX_TYPE)
  async download(@Param('kind') kind: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { columns } = await this.rpc.call(ImportJobService.method.getImportTemplate, { kind });
    const notes = [
      ['列名', '必填', '说明', '可选值'],
      ...columns.map((c) => [
        c.header,
        c.required ? '是' : '否',
        c.description,
        c.values.map((v) => v.label).join('、'),
      ]),
    ];
    const example = Object.fromEntries(columns.map((c) => [c.field, c.example]));
    const file = await workbookOf(
      kind === 'members' ? '党员信息' : '党组织信息',
      columns.map((c) => ({ header: c.header, key: c.field })),
      [example],
      notes,
    );
    return sendFile(reply, file, kind === 'members' ? '党员信息导入模板.xlsx' : '党组织信息导入模板.xlsx');
  }
}
