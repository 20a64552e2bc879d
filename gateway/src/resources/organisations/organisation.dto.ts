import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  IsInt,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

export const ORGANISATION_KINDS = ['committee', 'general_branch', 'branch', 'group'] as const;
export const GRID_LABELS = ['', 'community', 'industry', 'building'] as const;

export class CreateOrganisationDto {
  @ApiProperty({ example: '软件研发党支部' }) @IsString() @MaxLength(100) name!: string;
  @ApiProperty({ example: 'ACME-RD-1' }) @IsString() @MaxLength(40) code!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: (typeof ORGANISATION_KINDS)[number];
  @ApiPropertyOptional({ description: 'empty for a root committee' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() joint?: boolean;
  @ApiPropertyOptional({ minimum: 2, maximum: 5, description: 'units a joint branch covers (rules.md §4)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(5)
  jointUnits?: number;
  @ApiPropertyOptional({ enum: GRID_LABELS })
  @IsOptional()
  @IsIn(GRID_LABELS)
  gridLabel?: (typeof GRID_LABELS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) contact?: string;
  @ApiPropertyOptional({ example: '2001-07-01' }) @IsOptional() @IsDateOnly() foundedOn?: string;
}

/** PUT: the editable fields; a changed parentId moves the organisation with its subtree. */
export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) code?: string;
  @ApiPropertyOptional({ description: 'a new parent moves the whole subtree' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() joint?: boolean;
  @ApiPropertyOptional({ minimum: 2, maximum: 5, description: 'units a joint branch covers (rules.md §4)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(5)
  jointUnits?: number;
  @ApiPropertyOptional({ enum: GRID_LABELS })
  @IsOptional()
  @IsIn(GRID_LABELS)
  gridLabel?: (typeof GRID_LABELS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) contact?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD, empty to clear' })
  @IsOptional()
  @ValidateIf((o: { foundedOn?: string }) => o.foundedOn !== '')
  @IsDateOnly()
  foundedOn?: string;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() kind?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() ancestorIds?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() depth?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() childCount?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() fullMemberCount?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() memberCount?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() formationWarnings?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() createdAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() status?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() dissolvedOn?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() successorId?: unknown;
}

export class OrganisationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ type: [String] }) ancestorIds!: string[];
  @ApiProperty() depth!: number;
  @ApiProperty() joint!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) jointUnits!: number | null;
  @ApiProperty({ enum: GRID_LABELS }) gridLabel!: string;
  @ApiProperty() contact!: string;
  @ApiProperty({ nullable: true, type: String }) foundedOn!: string | null;
  @ApiProperty() childCount!: number;
  @ApiProperty({ description: 'active full members directly here' }) fullMemberCount!: number;
  @ApiProperty({ description: 'active full and probationary members directly here' }) memberCount!: number;
  @ApiProperty({ type: [String], description: 'branch formation warnings (rules.md §4), not enforced' })
  formationWarnings!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ enum: ['active', 'dissolved'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) dissolvedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the organisation it was merged into' })
  successorId!: string | null;
}

/** 撤销 / 合并: with successorId the members and child organisations move there first. */
export class DissolveOrganisationDto {
  @ApiProperty({ description: 'why (kept in the history)' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason!: string;
  @ApiPropertyOptional({
    description: 'merge into this organisation; required when members or organisations remain',
  })
  @IsOptional()
  @IsUUID()
  successorId?: string;
  @ApiPropertyOptional({ example: '2026-11-20' }) @IsOptional() @IsDateOnly() dissolvedOn?: string;
}
