import { TRANSFER_DESTINATIONS, TRANSFER_REQUESTED_ACTIONS } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
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
  ValidateIf,
} from 'class-validator';

/** 组织关系转接申请: within this tenant, to another tenant of the platform, or out of the platform. */
export class CreateTransferDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: TRANSFER_DESTINATIONS }) @IsIn(TRANSFER_DESTINATIONS) destination!: string;
  @ApiPropertyOptional({ description: 'within_tenant: the receiving organisation' })
  @ValidateIf((dto: CreateTransferDto) => dto.destination === 'within_tenant')
  @IsUUID()
  receivingOrganisationId?: string;
  @ApiPropertyOptional({ example: 'acme-corp', description: 'other_tenant: the receiving tenant’s slug' })
  @ValidateIf((dto: CreateTransferDto) => dto.destination === 'other_tenant')
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, {
    message: 'receivingTenant must be a tenant slug',
    context: { code: 'bad_slug' },
  })
  receivingTenant?: string;
  @ApiPropertyOptional({
    description: 'other_tenant / outside_platform: the receiving organisation’s full name, as on the letter',
  })
  @ValidateIf((dto: CreateTransferDto) => dto.destination !== 'within_tenant')
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  receivingOrganisationName?: string;
  @ApiPropertyOptional({
    description: 'other_tenant: the receiving organisation’s code there, if known (routes the letter)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  receivingOrganisationCode?: string;
  @ApiProperty({ example: '毕业到新单位工作' }) @IsString() @MinLength(1) @MaxLength(200) reason!: string;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 120,
    description: 'months away without a change of work unit; under 6 makes a mobile member, not a transfer',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  awayMonths?: number;
}

export class ActOnTransferDto {
  @ApiProperty({ enum: TRANSFER_REQUESTED_ACTIONS }) @IsIn(TRANSFER_REQUESTED_ACTIONS) action!: string;
  @ApiPropertyOptional({ description: 'why (needed to send back, void or re-issue)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
  @ApiPropertyOptional({
    description: 'issue_letter / reissue: days valid (default the tenant setting, never above 6 months)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(181)
  validityDays?: number;
  @ApiPropertyOptional({
    description: 'report_in on an incoming transfer: the organisation the member joins',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

/** A member's own application: the same as a secretary's, for the caller's own record. */
export class ApplyForMyTransferDto extends OmitType(CreateTransferDto, ['memberId'] as const) {}
