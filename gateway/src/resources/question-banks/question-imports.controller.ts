import {
  MAX_IMPORT_BYTES,
  MAX_QUESTION_IMPORT_ROWS,
  QuestionBankSchema,
  QuestionBankService,
} from '@dangjian/contracts';
import { RpcClient, ValidationError, Validator } from '@dangjian/kit';
import { readTable } from '@dangjian/kit/spreadsheet';
import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { toJson } from '../../http/json-view.js';
import { sendFile, spreadsheetFormatOf, workbookOf, XLSX_TYPE } from '../../http/spreadsheet.js';
import { LEARNING_STAFF } from '../access.js';
import { QUESTION_TEMPLATE_COLUMNS, QUESTION_TEMPLATE_EXAMPLES } from './question-template.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';
import { FileBody } from '../../http/body-limits.js';

/** A file's rows go to the learning service in one message; more text than this must be split. */
const MAX_IMPORT_TEXT_BYTES = 900 * 1024;

/** 导入试题: the file is the body, so it is written by hand beside the resource. */
@ApiTags('learning')
@Controller('api/v1')
export class QuestionImportsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post('question-banks/:id/imports')
  @TenantRoles(LEARNING_STAFF.tenant, { module: LEARNING_STAFF.module })
  @ApiOperation({
    summary:
      'Import questions from a spreadsheet in the template’s layout: all rows are added, or none (400 naming row and column)',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @FileBody(MAX_IMPORT_BYTES)
  @ApiBody({ description: 'the file itself' })
  @ApiQuery({ name: 'fileName', example: '党章知识题库.xlsx' })
  async import(
    @Param('id', IdParamPipe) bankId: string,
    @Query('fileName') fileName: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ) {
    const name = (fileName ?? '').trim();
    const format = spreadsheetFormatOf(name, contentType);
    new Validator()
      .check(name !== '', 'fileName', 'required')
      .check(name === '' || format !== undefined, 'fileName', 'file_name')
      .check(Buffer.isBuffer(body) && body.length > 0, 'body', 'required')
      .throwIfInvalid();
    const rows = await readTable(body as Buffer, format!).catch(() => {
      throw ValidationError.of('body', 'import_unreadable', { format: format! });
    });
    const text = rows.reduce((sum, row) => sum + row.reduce((n, cell) => n + Buffer.byteLength(cell), 0), 0);
    new Validator()
      .check(rows.length - 1 <= MAX_QUESTION_IMPORT_ROWS, 'rows', 'too_many', {
        max: MAX_QUESTION_IMPORT_ROWS,
      })
      .check(text <= MAX_IMPORT_TEXT_BYTES, 'body', 'import_too_large')
      .throwIfInvalid();
    const { imported, questionBank } = await this.rpc.call(QuestionBankService.method.importQuestions, {
      bankId,
      rows: rows.map((cells) => ({ cells })),
    });
    return { imported, questionBank: toJson(QuestionBankSchema, questionBank!) };
  }

  @Get('question-import-template')
  @TenantRoles(LEARNING_STAFF.tenant, { module: LEARNING_STAFF.module })
  @ApiOperation({
    summary: 'The question template as .xlsx: headers, an example of each kind, a sheet of notes',
  })
  @ApiProduces(XLSX_TYPE)
  async template(@Res({ passthrough: true }) reply: FastifyReply) {
    const file = await workbookOf(
      '试题',
      QUESTION_TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.header })),
      QUESTION_TEMPLATE_EXAMPLES,
      [
        ['列名', '必填', '说明'],
        ...QUESTION_TEMPLATE_COLUMNS.map((c) => [c.header, c.required, c.description]),
      ],
    );
    return sendFile(reply, file, '试题导入模板.xlsx');
  }
}
