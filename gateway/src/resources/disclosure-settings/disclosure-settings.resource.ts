import {
  DisclosureSettingsSchema,
  DisclosureSettingsService,
  type DisclosureSettings,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { DISCLOSURE_ADMINS, DISCLOSURE_STAFF } from '../access.js';

class DisclosureCategoryDto {
  @ApiProperty({ example: 'work' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,29}$/) key!: string;
  @ApiProperty({ example: '党的工作' }) @IsString() @MinLength(1) @MaxLength(20) label!: string;
}

export class UpdateDisclosureSettingsDto {
  @ApiProperty({ type: [DisclosureCategoryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DisclosureCategoryDto)
  categories!: DisclosureCategoryDto[];
  @ApiPropertyOptional({
    enum: ['quarterly', 'monthly'],
    description: 'how often commitments’ progress is published (default quarterly)',
  })
  @IsOptional()
  @IsIn(['quarterly', 'monthly'])
  progressCadence?: string;
  @ApiProperty({ description: 'the version edited (0 for the defaults); a stale one is 409' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;
}

/** react-admin reads the one record as `disclosure-settings/current`. */
const ONLY_ID = 'current';
const view = (settings: DisclosureSettings) => ({
  id: ONLY_ID,
  ...toJson(DisclosureSettingsSchema, settings),
});

/** 公开类别: the 条例's five until a tenant admin changes them. */
export const DisclosureSettingsResource = bindResource({
  path: 'disclosure-settings',
  tag: 'disclosure',
  routes: {
    get: call({
      rpc: DisclosureSettingsService.method.getDisclosureSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'The tenant’s disclosure categories',
      access: DISCLOSURE_STAFF,
      reply: 'settings',
      view,
    }),
    update: call({
      rpc: DisclosureSettingsService.method.updateDisclosureSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Save the categories (tenant admins)',
      access: DISCLOSURE_ADMINS,
      body: UpdateDisclosureSettingsDto,
      reply: 'settings',
      view,
    }),
  },
});
