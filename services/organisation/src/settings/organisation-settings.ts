import { create } from '@bufbuild/protobuf';
import {
  OrganisationSettingsSchema,
  type OrganisationSettings,
  type UpdateOrganisationSettingsRequest,
} from '@dangjian/contracts';
import { requireRole, requireTenant, Validator } from '@dangjian/kit';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';

/** rules.md defaults, used until a tenant changes them. */
export const DEFAULT_SETTINGS = {
  /** §3: thought reports quarterly. */
  thoughtReportCadenceMonths: 3,
  /** §3: minimum time as applicant, local practice. */
  minApplicantMonths: 6,
  /** §3: publicity length, not fixed nationally. */
  publicityWorkingDays: 5,
  /** §1: a farmer's monthly dues within ¥0.2–1.0, in fen; the national floor until a tenant chooses. */
  farmerMonthlyDuesFen: 20,
  /** §5: one approval level unless the tenant wants two. */
  transferApprovalLevels: 1,
  /** §5: letters valid 90 days; at most 181 keeps every letter under 6 months whatever its issue day. */
  letterValidityDays: 90,
  /** §4: party lectures quarterly (the national floor is yearly; many tenants want quarterly). */
  partyLectureMonths: 3,
  /** §2: warn after 3 months without dues or organisational life (the case opens at 6). */
  withdrawalWarningMonths: 3,
} as const;

export type SettingsValues = { -readonly [K in keyof typeof DEFAULT_SETTINGS]: number };

const LIMITS: Record<keyof SettingsValues, [number, number]> = {
  thoughtReportCadenceMonths: [1, 12],
  minApplicantMonths: [0, 36],
  publicityWorkingDays: [1, 30],
  farmerMonthlyDuesFen: [20, 100],
  transferApprovalLevels: [1, 2],
  letterValidityDays: [1, 181],
  partyLectureMonths: [1, 12],
  withdrawalWarningMonths: [1, 5],
};

/** Lecture periods must tile the year (months, two-month terms, quarters, thirds, halves, the year). */
const YEAR_DIVISORS = [1, 2, 3, 4, 6, 12];

/** The tenant's settings, or the defaults for a tenant that never changed them. */
export async function readSettings(
  tx: OrganisationTx,
  tenantId: string,
): Promise<SettingsValues & { updatedAt?: Date }> {
  const row = await tx.organisationSettings.findUnique({ where: { tenantId } });
  return row
    ? {
        thoughtReportCadenceMonths: row.thoughtReportCadenceMonths,
        minApplicantMonths: row.minApplicantMonths,
        publicityWorkingDays: row.publicityWorkingDays,
        farmerMonthlyDuesFen: row.farmerMonthlyDuesFen,
        transferApprovalLevels: row.transferApprovalLevels,
        letterValidityDays: row.letterValidityDays,
        partyLectureMonths: row.partyLectureMonths,
        withdrawalWarningMonths: row.withdrawalWarningMonths,
        updatedAt: row.updatedAt,
      }
    : { ...DEFAULT_SETTINGS };
}

const toMessage = (values: SettingsValues & { updatedAt?: Date }): OrganisationSettings =>
  create(OrganisationSettingsSchema, {
    thoughtReportCadenceMonths: values.thoughtReportCadenceMonths,
    minApplicantMonths: values.minApplicantMonths,
    publicityWorkingDays: values.publicityWorkingDays,
    farmerMonthlyDuesFen: values.farmerMonthlyDuesFen,
    transferApprovalLevels: values.transferApprovalLevels,
    letterValidityDays: values.letterValidityDays,
    partyLectureMonths: values.partyLectureMonths,
    withdrawalWarningMonths: values.withdrawalWarningMonths,
    updatedAt: values.updatedAt?.toISOString(),
  });

/** Per-tenant durations and cadences of this service: tenant admins change them. */
export class SettingsUseCases {
  constructor(private readonly db: OrganisationDatabase) {}

  async get(): Promise<OrganisationSettings> {
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => toMessage(await readSettings(tx, tenantId)));
  }

  async update(request: UpdateOrganisationSettingsRequest): Promise<OrganisationSettings> {
    requireRole('tenant-admin');
    const validator = new Validator();
    for (const [field, [min, max]] of Object.entries(LIMITS) as [keyof SettingsValues, [number, number]][]) {
      const value = request[field];
      validator.check(
        value === undefined || (Number.isInteger(value) && value >= min && value <= max),
        field,
        'number_between',
        { min: min, max: max },
      );
    }
    validator.check(
      request.partyLectureMonths === undefined || YEAR_DIVISORS.includes(request.partyLectureMonths),
      'partyLectureMonths',
      'not_one_of',
      { allowed: YEAR_DIVISORS.join(', ') },
    );
    validator.throwIfInvalid();
    const tenantId = requireTenant();
    // Only the settings given change: two admins changing different settings at once both keep their
    // change (a read-then-write of every value would lose one).
    const given = Object.fromEntries(
      (Object.keys(DEFAULT_SETTINGS) as (keyof SettingsValues)[])
        .filter((field) => request[field] !== undefined)
        .map((field) => [field, request[field]]),
    ) as Partial<SettingsValues>;
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.organisationSettings.upsert({
        where: { tenantId },
        create: { tenantId, ...DEFAULT_SETTINGS, ...given },
        update: { ...given, updatedAt: new Date() },
      });
      return toMessage(await readSettings(tx, tenantId));
    });
  }
}
