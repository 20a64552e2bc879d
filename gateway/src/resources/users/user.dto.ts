import { TENANT_ROLES } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** PUT: roles and scope are the tenant's to change; name and e-mail are the person's (equal values pass). */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'the person’s own: a different value is refused' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;
  @ApiPropertyOptional({ description: 'the person’s own: a different value is refused' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email?: string;
  @ApiPropertyOptional({ enum: TENANT_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(TENANT_ROLES, { each: true })
  roles?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  organisationScope?: string[];
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
