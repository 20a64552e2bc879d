import {
  OrganisationSettingsSchema,
  OrganisationSettingsService,
  type OrganisationSettings,
} from '@dangjian/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { ORGANISATION_ADMINS, ORGANISATION_STAFF } from '../access.js';

export class UpdateOrganisationSettingsDto {
  @ApiPropertyOptional({ description: 'thought-report cadence in months (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  thoughtReportCadenceMonths?: number;
  @ApiPropertyOptional({ description: 'minimum months as applicant before activist (default 6)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36)
  minApplicantMonths?: number;
  @ApiPropertyOptional({ description: 'publicity period in working days (default 5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  publicityWorkingDays?: number;
  @ApiPropertyOptional({ description: "a farmer's monthly dues in fen, 20–100 (¥0.2–1.0; default 20)" })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(100)
  farmerMonthlyDuesFen?: number;
  @ApiPropertyOptional({ description: 'relationship transfers: 1 or 2 approval levels (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2)
  transferApprovalLevels?: number;
  @ApiPropertyOptional({
    description: 'days a transfer letter is valid, 1–181 (never above 6 months; default 90)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(181)
  letterValidityDays?: number;
  @ApiPropertyOptional({
    description: 'party lectures every N months: 1, 2, 3, 4, 6 or 12 (default 3, quarterly)',
  })
  @IsOptional()
  @IsInt()
  @IsIn([1, 2, 3, 4, 6, 12])
  partyLectureMonths?: number;
  @ApiPropertyOptional({
    description:
      'self-withdrawal warning after N months without dues or organisational life, 1–5 (default 3; the case opens at 6)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  withdrawalWarningMonths?: number;
}

/** react-admin reads the one record as `organisation-settings/current`. */
const ONLY_ID = 'current';

/** The tenant's organisation settings: one record (react-admin getOne/update). */
export const OrganisationSettingsResource = bindResource({
  path: 'organisation-settings',
  routes: {
    get: call({
      rpc: OrganisationSettingsService.method.getOrganisationSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'The tenant’s organisation settings (defaults from rules.md)',
      access: ORGANISATION_STAFF,
      reply: 'settings',
      view: (settings: OrganisationSettings) => ({
        id: ONLY_ID,
        ...toJson(OrganisationSettingsSchema, settings),
      }),
    }),
    update: call({
      rpc: OrganisationSettingsService.method.updateOrganisationSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Change the tenant’s organisation settings (tenant admins)',
      access: ORGANISATION_ADMINS,
      body: UpdateOrganisationSettingsDto,
      reply: 'settings',
      view: (settings: OrganisationSettings) => ({
        id: ONLY_ID,
        ...toJson(OrganisationSettingsSchema, settings),
      }),
    }),
  },
});
