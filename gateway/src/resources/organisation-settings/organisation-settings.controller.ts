import { OrganisationService, type OrganisationSettings } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Get, Inject, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TenantRoles } from '../../auth/access.decorators.js';

export class UpdateOrganisationSettingsDto {
  @ApiPropertyOptional({ description: 'thought-report cadence in months (default 3)' }) @IsOptional() @IsInt() @Min(1) @Max(12) thoughtReportCadenceMonths?: number;
  @ApiPropertyOptional({ description: 'minimum months as applicant before activist (default 6)' }) @IsOptional() @IsInt() @Min(0) @Max(36) minApplicantMonths?: number;
  @ApiPropertyOptional({ description: 'publicity period in working days (default 5)' }) @IsOptional() @IsInt() @Min(1) @Max(30) publicityWorkingDays?: number;
  @ApiPropertyOptional({ description: "a farmer's monthly dues in fen, 20–100 (¥0.2–1.0; default 20)" }) @IsOptional() @IsInt() @Min(20) @Max(100) farmerMonthlyDuesFen?: number;
  @ApiPropertyOptional({ description: 'relationship transfers: 1 or 2 approval levels (default 1)' }) @IsOptional() @IsInt() @Min(1) @Max(2) transferApprovalLevels?: number;
  @ApiPropertyOptional({ description: 'days a transfer letter is valid, 1–181 (never above 6 months; default 90)' }) @IsOptional() @IsInt() @Min(1) @Max(181) letterValidityDays?: number;
  @ApiPropertyOptional({ description: 'party lectures every N months: 1, 2, 3, 4, 6 or 12 (default 3, quarterly)' }) @IsOptional() @IsInt() @IsIn([1, 2, 3, 4, 6, 12]) partyLectureMonths?: number;
  @ApiPropertyOptional({ description: 'self-withdrawal warning after N months without dues or organisational life, 1–5 (default 3; the case opens at 6)' }) @IsOptional() @IsInt() @Min(1) @Max(5) withdrawalWarningMonths?: number;
}

const ONLY_ID = 'current';
const toView = (s: OrganisationSettings) => ({
  id: ONLY_ID,
  thoughtReportCadenceMonths: s.thoughtReportCadenceMonths,
  minApplicantMonths: s.minApplicantMonths,
  publicityWorkingDays: s.publicityWorkingDays,
  farmerMonthlyDuesFen: s.farmerMonthlyDuesFen,
  transferApprovalLevels: s.transferApprovalLevels,
  letterValidityDays: s.letterValidityDays,
  partyLectureMonths: s.partyLectureMonths,
  withdrawalWarningMonths: s.withdrawalWarningMonths,
  updatedAt: s.updatedAt || null,
});

/** The tenant's organisation settings: one record, `organisation-settings/current` (react-admin getOne/update). */
@ApiTags('organisation-settings')
@Controller('api/v1/organisation-settings')
export class OrganisationSettingsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async get(@Param('id') id: string) {
    if (id !== ONLY_ID) throw new NotFoundException(`organisation settings are at /organisation-settings/${ONLY_ID}`);
    return toView((await this.rpc.call(OrganisationService.method.getOrganisationSettings, {})).settings!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  async update(@Param('id') id: string, @Body() body: UpdateOrganisationSettingsDto) {
    if (id !== ONLY_ID) throw new NotFoundException(`organisation settings are at /organisation-settings/${ONLY_ID}`);
    return toView((await this.rpc.call(OrganisationService.method.updateOrganisationSettings, body)).settings!);
  }
}
