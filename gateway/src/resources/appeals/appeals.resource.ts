import {
  AppealSchema,
  AppealService,
  AppealSettingsSchema,
  type Appeal,
  type AppealSettings,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { SUPERVISION_ADMINS, SUPERVISION_STAFF } from '../access.js';

const STATUSES = ['received', 'handling', 'resolved', 'closed', 'not_accepted'] as const;
const ATTENTIONS = ['overdue', 'due_soon', 'escalated_to_me'] as const;
const ACTIONS = ['receive', 'hand_over', 'extend', 'resolve', 'not_accept', 'close', 'call_back'] as const;

export class EnterAppealDto {
  @ApiProperty({ description: 'the organisation that took the call, visit or letter (its first receiver)' })
  @IsUUID()
  organisationId!: string;
  @ApiProperty({ example: 'complaint' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,29}$/) category!: string;
  @ApiProperty({ example: '幸福小区3号楼路灯不亮' }) @IsString() @MinLength(1) @MaxLength(50) title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) content!: string;
  @ApiProperty({ enum: ['phone', 'visit', 'letter'] }) @IsIn(['phone', 'visit', 'letter']) channel!: string;
  @ApiProperty({ example: '王女士' }) @IsString() @MinLength(1) @MaxLength(20) citizenName!: string;
  @ApiProperty({ example: '13800138000' }) @IsString() @MinLength(1) @MaxLength(20) citizenPhone!: string;
  @ApiPropertyOptional({ description: 'where it arises (a community or grid branch)' })
  @IsOptional()
  @IsUUID()
  placeOrganisationId?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'when a letter arrived (today when left out)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  receivedOn?: string;
  @ApiPropertyOptional({ description: 'the citizen agrees to publish the outcome' })
  @IsOptional()
  @IsBoolean()
  publishConsent?: boolean;
}

export class ActOnAppealDto {
  @ApiProperty({ description: 'the version read; a stale one is 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
  @ApiProperty({ enum: ACTIONS }) @IsIn(ACTIONS) action!: string;
  @ApiPropertyOptional({ description: 'the reply (resolve), the reason (hand over, extend, not accept)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiPropertyOptional({ description: 'hand_over: the organisation it goes to' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiPropertyOptional({ description: 'extend: days (1–30, once)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  days?: number;
  @ApiPropertyOptional({ enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] })
  @IsOptional()
  @IsIn(['satisfied', 'basically_satisfied', 'dissatisfied'])
  satisfaction?: string;
}

const appealView = (appeal: Appeal) => toJson(AppealSchema, appeal);

/** 诉求 (rules.md §7): received, handled, resolved by staff; the citizen closes it (public pages). */
export const AppealsResource = bindResource({
  path: 'appeals',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: AppealService.method.listAppeals,
      summary: 'Appeals of the caller’s organisations (newest first), by status, category or attention',
      access: SUPERVISION_STAFF,
      sort: ['createdAt', 'dueOn'],
      filters: {
        status: filterOf.oneOf(STATUSES),
        category: filterOf.text,
        attention: filterOf.oneOf(ATTENTIONS),
        code: filterOf.text,
      },
      filterExample: '{"attention":"overdue"}',
      request: (f: { status?: string; category?: string; attention?: string; code?: string }) => f,
      items: 'appeals',
      view: appealView as never,
    }),
    get: call({
      rpc: AppealService.method.getAppeal,
      method: 'GET',
      path: ':id',
      summary: 'An appeal with its history, deadline, overseer and what the caller may do',
      access: SUPERVISION_STAFF,
      reply: 'appeal',
      view: appealView,
    }),
    enter: call({
      rpc: AppealService.method.enterAppeal,
      method: 'POST',
      summary: 'Enter an appeal taken by phone, at a visit or by letter',
      access: SUPERVISION_STAFF,
      body: EnterAppealDto,
      request: ({ body }) => ({ ...body, publishConsent: body.publishConsent ?? false }),
      reply: 'appeal',
      view: appealView,
    }),
    act: call({
      rpc: AppealService.method.actOnAppeal,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Receive, hand over (with a record), extend once, resolve, not accept, close, call back',
      access: SUPERVISION_STAFF,
      body: ActOnAppealDto,
      request: ({ params, body }) => ({ id: params['id'], ...body, note: body.note ?? '' }),
      reply: 'appeal',
      view: appealView,
    }),
  },
});

class AppealCategoryDto {
  @ApiProperty({ example: 'complaint' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,29}$/) key!: string;
  @ApiProperty({ example: '投诉' }) @IsString() @MinLength(1) @MaxLength(20) label!: string;
  @ApiProperty({ example: 13, description: 'working days; 0 is the same day' })
  @IsInt()
  @Min(0)
  @Max(40)
  deadlineWorkingDays!: number;
  @ApiPropertyOptional({ description: 'handles this category wherever it arises' })
  @IsOptional()
  @IsUUID()
  handlingOrganisationId?: string;
}

export class UpdateAppealSettingsDto {
  @ApiProperty({ type: [AppealCategoryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AppealCategoryDto)
  categories!: AppealCategoryDto[];
  @ApiProperty({ example: 7 }) @IsInt() @Min(1) @Max(60) closeAfterDays!: number;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(365) duplicateWindowDays!: number;
  @ApiPropertyOptional({
    type: [String],
    example: ['上访', '停水'],
    description: 'the whole list of alert words (舆情预警); left out: kept as they are',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  alertKeywords?: string[];
  @ApiProperty({ description: 'the version edited (0 for the defaults); a stale one is 409' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;
}

const ONLY_ID = 'current';
const settingsView = (settings: AppealSettings) => ({
  id: ONLY_ID,
  ...toJson(AppealSettingsSchema, settings),
});

/** 诉求类别: the categories and their deadlines in working days. */
export const AppealSettingsResource = bindResource({
  path: 'appeal-settings',
  tag: 'supervision',
  routes: {
    get: call({
      rpc: AppealService.method.getAppealSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'The tenant’s appeal categories and deadlines',
      access: SUPERVISION_STAFF,
      reply: 'settings',
      view: settingsView,
    }),
    update: call({
      rpc: AppealService.method.updateAppealSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Save the categories and deadlines (tenant admins)',
      access: SUPERVISION_ADMINS,
      body: UpdateAppealSettingsDto,
      request: ({ body }) => ({
        ...body,
        alertKeywords: body.alertKeywords ?? [],
        keepAlertKeywords: body.alertKeywords === undefined,
      }),
      reply: 'settings',
      view: settingsView,
    }),
  },
});
