import {
  ReportReadSchema,
  ReportSchema,
  ReportService,
  ReportSettingsSchema,
  type Report,
  type ReportRead,
  type ReportSettings,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { INSPECTORS, REPORT_AUDITORS } from '../access.js';

const STATUSES = ['received', 'acknowledged', 'answered', 'closed', 'forwarded'] as const;
const ACTIONS = ['acknowledge', 'reply', 'close', 'forward'] as const;

export class ActOnReportDto {
  @ApiProperty({ description: 'the version read; a stale one is 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
  @ApiProperty({ enum: ACTIONS }) @IsIn(ACTIONS) action!: string;
  @ApiPropertyOptional({ description: 'a message to the reporter (required to reply)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
  @ApiPropertyOptional({ example: '县纪委监委', description: 'forward: the body it goes to' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  forwardedTo?: string;
}

export class ReportSettingsDto {
  @ApiProperty({ example: 7 }) @IsInt() @Min(1) @Max(30) acknowledgeDays!: number;
  @ApiProperty({ example: 90 }) @IsInt() @Min(7) @Max(365) feedbackDays!: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(20) forwardWorkingDays!: number;
  @ApiProperty({ example: 365, description: 'closed reports are erased after these days' })
  @IsInt()
  @Min(0)
  @Max(3650)
  retentionDays!: number;
  @ApiProperty({ example: 10, description: 'below this many members the form warns the reporter' })
  @IsInt()
  @Min(0)
  @Max(1000)
  smallOrganisationSize!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) version!: number;
}

const reportView = (report: Report) => toJson(ReportSchema, report);

/** 举报 (rules.md §7): read by the tenant's inspectors only, each read audited. */
export const ReportsResource = bindResource({
  path: 'reports',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: ReportService.method.listReports,
      summary: 'Reports the inspector may read (newest first), without their content',
      access: INSPECTORS,
      sort: ['filedOn'],
      filters: { status: filterOf.oneOf(STATUSES) },
      filterExample: '{"status":"received"}',
      request: (f: { status?: string }) => f,
      items: 'reports',
      view: reportView as never,
    }),
    get: call({
      rpc: ReportService.method.getReport,
      method: 'GET',
      path: ':id',
      summary: 'A report with its content and messages (the read is audited)',
      access: INSPECTORS,
      reply: 'report',
      view: reportView,
    }),
    act: call({
      rpc: ReportService.method.actOnReport,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Acknowledge, reply to the reporter, close, or forward to the level it belongs to',
      access: INSPECTORS,
      body: ActOnReportDto,
      request: ({ params, body }) => ({ id: params['id'], ...body, note: body.note ?? '' }),
      reply: 'report',
      view: reportView,
    }),
  },
});

/** Who read which report when (the audit): inspectors and tenant admins, who do not read reports. */
export const ReportReadsResource = bindResource({
  path: 'report-reads',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: ReportService.method.listReportReads,
      summary: 'The audit of inspectors’ reads of reports, newest first',
      access: REPORT_AUDITORS,
      sort: ['at'],
      filters: {},
      items: 'reads',
      view: ((read: ReportRead) => ({
        id: `${read.reportId}:${read.at}`,
        ...toJson(ReportReadSchema, read),
      })) as never,
    }),
  },
});

const ONLY_ID = 'current';
const settingsView = (settings: ReportSettings) => ({
  id: ONLY_ID,
  ...toJson(ReportSettingsSchema, settings),
});

/** The deadlines, retention and small-organisation warning of reports (inspectors). */
export const ReportSettingsResource = bindResource({
  path: 'report-settings',
  tag: 'supervision',
  routes: {
    get: call({
      rpc: ReportService.method.getReportSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'The tenant’s report deadlines and retention',
      access: INSPECTORS,
      reply: 'settings',
      view: settingsView,
    }),
    update: call({
      rpc: ReportService.method.updateReportSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Save the report deadlines and retention',
      access: INSPECTORS,
      body: ReportSettingsDto,
      request: ({ body }) => ({ settings: body }),
      reply: 'settings',
      view: settingsView,
    }),
  },
});

/** Erase the closed reports past retention now (a daily job does it too). */
export const ReportErasuresResource = bindResource({
  path: 'report-erasures',
  tag: 'supervision',
  routes: {
    erase: call({
      rpc: ReportService.method.eraseExpiredReports,
      method: 'POST',
      status: 200,
      summary: 'Erase closed and forwarded reports past the tenant’s retention; answers how many',
      access: INSPECTORS,
      reply: (r: { erased: number }) => ({ erased: r.erased }),
    }),
  },
});
