import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const TENANT_TYPES = ['enterprise', 'university', 'county'] as const;
export const TENANT_STATUSES = ['active', 'suspended'] as const;

export class BrandingDto {
  @ApiPropertyOptional({ example: '艾克米集团党委' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;
  @ApiPropertyOptional({ example: 'https://acme.example.cn/logo.png' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  logoUrl?: string;
  @ApiPropertyOptional({ example: '#c8102e' }) @IsOptional() @IsString() @MaxLength(7) primaryColour?: string;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'acme-corp', description: '3–40 lowercase letters, digits, hyphens' })
  @IsString()
  slug!: string;
  @ApiProperty({ example: '艾克米集团党委' }) @IsString() @MaxLength(100) name!: string;
  @ApiProperty({ enum: TENANT_TYPES }) @IsIn(TENANT_TYPES) type!: (typeof TENANT_TYPES)[number];
  @ApiPropertyOptional({ type: BrandingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandingDto)
  branding?: BrandingDto;
  @ApiPropertyOptional({ type: [String], description: 'omit for the preset of the type' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  modules?: string[];
}

export class UpdateTenantDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: (typeof TENANT_STATUSES)[number];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  modules?: string[];
  @ApiPropertyOptional({ type: BrandingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandingDto)
  branding?: BrandingDto;
  // react-admin sends the whole record back on edit: read-only fields are accepted and ignored.
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() slug?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() type?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() realm?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() createdAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedAt?: unknown;
}

export class TenantView {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TENANT_TYPES }) type!: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status!: string;
  @ApiProperty({ type: [String] }) modules!: string[];
  @ApiProperty({ type: BrandingDto }) branding!: BrandingDto;
  @ApiProperty() realm!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
