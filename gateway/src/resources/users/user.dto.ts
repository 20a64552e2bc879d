import { TENANT_ROLES } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei' }) @IsString() @MaxLength(64) username!: string;
  @ApiPropertyOptional({ example: '张伟', description: 'required for a person new to the platform' }) @IsOptional() @IsString() @MaxLength(100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ description: 'initial password, required for a person new to the platform (≥ 8)' }) @IsOptional() @IsString() @MaxLength(200) password?: string;
  @ApiPropertyOptional({ enum: TENANT_ROLES, isArray: true }) @IsOptional() @IsArray() @IsIn(TENANT_ROLES, { each: true }) roles?: string[];
  @ApiPropertyOptional({ type: [String], description: 'organisations whose subtrees a secretary manages' }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) organisationScope?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ enum: TENANT_ROLES, isArray: true }) @IsOptional() @IsArray() @IsIn(TENANT_ROLES, { each: true }) roles?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) organisationScope?: string[];
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() username?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() platformOperator?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() createdAt?: unknown;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: TENANT_ROLES, isArray: true }) roles!: string[];
  @ApiProperty() platformOperator!: boolean;
  @ApiProperty({ type: [String] }) organisationScope!: string[];
  @ApiProperty() createdAt!: string;
}
