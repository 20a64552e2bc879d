import {
  GetMyPointsResponseSchema,
  PointsService,
  PointsSettingsSchema,
  type PointsSettings,
} from '@dangjian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { LEARNING_ADMINS, MY_LEARNING } from '../access.js';

class PointsRuleDto {
  @ApiProperty({
    enum: ['lesson_read', 'lesson_watched', 'reading_time', 'watching_time', 'exam_passed'],
  })
  @IsString()
  action!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100) points!: number;
  @ApiProperty({ description: 'most base points per person and day; 0 = no cap' })
  @IsInt()
  @Min(0)
  @Max(1000)
  dailyCap!: number;
  @ApiProperty({ description: 'lesson actions: the active time a lesson needs first; else 0' })
  @IsInt()
  @Min(0)
  @Max(3600)
  minDwellSeconds!: number;
  @ApiProperty({ description: 'time actions: points per so many minutes of active study; else 0' })
  @IsInt()
  @Min(0)
  @Max(120)
  perMinutes!: number;
}

class MultiplierWindowDto {
  @ApiProperty({ example: '2027-07-01' }) @IsDateOnly() startsOn!: string;
  @ApiProperty({ example: '2027-07-07' }) @IsDateOnly() endsOn!: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(2) @Max(5) multiplier!: number;
}

export class UpdatePointsSettingsDto {
  @ApiProperty({ description: 'points are off unless the tenant turns them on (rules.md §9)' })
  @IsBoolean()
  enabled!: boolean;
  @ApiProperty({ description: 'a member then sees their own position, never a list of others' })
  @IsBoolean()
  rankingEnabled!: boolean;
  @ApiProperty({ type: [PointsRuleDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PointsRuleDto)
  rules!: PointsRuleDto[];
  @ApiProperty({ type: [MultiplierWindowDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MultiplierWindowDto)
  windows!: MultiplierWindowDto[];
  @ApiProperty({ description: 'the version edited (0 for the defaults); a stale one is 409' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;
}

/** react-admin reads the one record as `points-settings/current`. */
const ONLY_ID = 'current';
const settingsView = (settings: PointsSettings) => ({
  id: ONLY_ID,
  ...toJson(PointsSettingsSchema, settings),
});

/** 学习积分: the tenant's rule table (rules.md §8), off by default. */
export const PointsSettingsResource = bindResource({
  path: 'points-settings',
  tag: 'learning',
  routes: {
    get: call({
      rpc: PointsService.method.getPointsSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'The tenant’s points rule table (the defaults of rules.md §8, off, until saved)',
      access: LEARNING_ADMINS,
      reply: 'settings',
      view: settingsView,
    }),
    update: call({
      rpc: PointsService.method.updatePointsSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Save the rule table as a new version (tenant admins)',
      access: LEARNING_ADMINS,
      body: UpdatePointsSettingsDto,
      reply: 'settings',
      view: settingsView,
    }),
  },
});

/** 我的积分: the caller's own points, and their own position only where rankings are on. */
export const MyPointsResource = bindResource({
  path: 'me/points',
  tag: 'member space',
  routes: {
    get: call({
      rpc: PointsService.method.getMyPoints,
      method: 'GET',
      summary: 'My points: today, in all, the latest grants; my own position where rankings are on',
      access: MY_LEARNING,
      reply: (reply) => toJson(GetMyPointsResponseSchema, reply),
    }),
  },
});
