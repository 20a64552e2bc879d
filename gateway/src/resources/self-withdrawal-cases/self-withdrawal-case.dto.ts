import { WITHDRAWAL_RESOLUTIONS } from '@dangjian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class CloseSelfWithdrawalCaseDto {
  @ApiProperty({
    enum: WITHDRAWAL_RESOLUTIONS,
    description:
      'resumed · valid_reason · removed_by_branch (the branch general meeting’s decision, recorded)',
  })
  @IsIn(WITHDRAWAL_RESOLUTIONS)
  resolution!: string;
  @ApiProperty({ description: 'what the branch found or decided' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note!: string;
}
