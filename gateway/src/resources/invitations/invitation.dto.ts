import { TENANT_ROLES } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;

export class CreateInvitationDto {
  @ApiProperty({ example: '张伟', description: 'as the inviter knows the person; they may correct it' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ enum: TENANT_ROLES, isArray: true, description: 'member when not given' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TENANT_ROLES, { each: true })
  roles?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'the organisations whose subtrees a secretary manages',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  organisationScope?: string[];
}

export class InvitationCodeDto {
  @ApiProperty({ example: 'K7Q2M-9XR4T-B3N8W-PZ6HD' })
  @IsString()
  @MinLength(10)
  @MaxLength(40)
  code!: string;
}

export class ActivateInvitationDto extends InvitationCodeDto {
  @ApiProperty({ example: 'zhang.wei' }) @IsString() @MaxLength(64) username!: string;
  @ApiProperty({ description: 'at least 8 characters' }) @IsString() @MaxLength(200) password!: string;
  @ApiPropertyOptional({ description: 'the name as the person writes it (the invitation’s when not given)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;
}

export class InvitationView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: TENANT_ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [String] }) organisationScope!: string[];
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdByUsername!: string;
  @ApiPropertyOptional() acceptedByUserId?: string;
  @ApiPropertyOptional() acceptedAt?: string;
}

export class CreatedInvitationView extends InvitationView {
  @ApiProperty({ description: 'the one-time code: shown now only, to hand to the person' }) code!: string;
  @ApiProperty({ description: 'the page where the person creates a login or joins with theirs' })
  activationUrl!: string;
}
