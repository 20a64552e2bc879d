import { create } from '@bufbuild/protobuf';
import {
  AppealCategorySchema,
  AppealSettingsSchema,
  type AppealSettings,
  type UpdateAppealSettingsRequest,
} from '@dangjian/contracts';
import { ConflictError, isUuid, requireRole, requireTenant, Validator } from '@dangjian/kit';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import { cleanKeywords } from '../sentiment-alerts/watch-rules.js';

export interface Category {
  key: string;
  label: string;
  deadlineWorkingDays: number;
  handlingOrganisationId?: string;
}

/** rules.md §7's examples, until a tenant sets its own (urgent: the same day). */
export const DEFAULT_CATEGORIES: Category[] = [
  { key: 'consultation', label: '咨询', deadlineWorkingDays: 3 },
  { key: 'complaint', label: '投诉', deadlineWorkingDays: 13 },
  { key: 'suggestion', label: '意见建议', deadlineWorkingDays: 13 },
  { key: 'urgent', label: '紧急求助', deadlineWorkingDays: 0 },
];

/** A category's name as the tenant set it (its key when the tenant has since removed it). */
export const categoryLabel = (categories: readonly Category[], key: string): string =>
  categories.find((c) => c.key === key)?.label ?? key;

export interface Settings {
  categories: Category[];
  closeAfterDays: number;
  duplicateWindowDays: number;
  /** 舆情预警's words (see sentiment-alerts). */
  alertKeywords: string[];
  version: number;
}

const KEY = /^[a-z][a-z0-9_]{0,29}$/;

export async function appealSettingsOf(tx: SupervisionTx, tenantId: string): Promise<Settings> {
  const row = await tx.appealSettings.findUnique({ where: { tenantId } });
  return row
    ? {
        categories: row.categories as unknown as Category[],
        closeAfterDays: row.closeAfterDays,
        duplicateWindowDays: row.duplicateWindowDays,
        alertKeywords: row.alertKeywords,
        version: row.version,
      }
    : {
        categories: DEFAULT_CATEGORIES,
        closeAfterDays: 7,
        duplicateWindowDays: 30,
        alertKeywords: [],
        version: 0,
      };
}

export const settingsMessage = (s: Settings): AppealSettings =>
  create(AppealSettingsSchema, {
    categories: s.categories.map((c) => create(AppealCategorySchema, c)),
    closeAfterDays: s.closeAfterDays,
    duplicateWindowDays: s.duplicateWindowDays,
    alertKeywords: s.alertKeywords,
    version: s.version,
  });

/**
 * The categories kept in memory for a few seconds, for the public form's filings (a burst of citizens
 * costs one read). A save here forgets them at once; another replica sees a change within the TTL.
 */
export class KeptCategories {
  private readonly kept = new Map<string, { categories: Category[]; until: number }>();

  constructor(private readonly ttlMs = 5_000) {}

  async get(tenantId: string, load: () => Promise<Category[]>): Promise<Category[]> {
    const now = Date.now();
    const kept = this.kept.get(tenantId);
    if (kept && kept.until > now) return kept.categories;
    const categories = await load();
    this.kept.set(tenantId, { categories, until: now + this.ttlMs });
    return categories;
  }

  forget(tenantId: string): void {
    this.kept.delete(tenantId);
  }
}

/** 诉求类别 and their deadlines: tenant admins set them, staff read them. */
export class AppealSettingsUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly kept: KeptCategories,
  ) {}

  async get(): Promise<AppealSettings> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      settingsMessage(await appealSettingsOf(tx, tenantId)),
    );
  }

  async update(request: UpdateAppealSettingsRequest): Promise<AppealSettings> {
    requireRole('tenant-admin');
    const keys = request.categories.map((c) => c.key);
    const validator = new Validator()
      .check(request.categories.length >= 1, 'categories', 'too_few', { min: 1 })
      .check(request.categories.length <= 30, 'categories', 'too_many', { max: 30 })
      .check(new Set(keys).size === keys.length, 'categories', 'bad_format')
      .check(
        request.closeAfterDays >= 1 && request.closeAfterDays <= 60,
        'closeAfterDays',
        'number_between',
        {
          min: 1,
          max: 60,
        },
      )
      .check(
        request.duplicateWindowDays >= 1 && request.duplicateWindowDays <= 365,
        'duplicateWindowDays',
        'number_between',
        { min: 1, max: 365 },
      );
    const alertKeywords = cleanKeywords(request.alertKeywords);
    validator.check(alertKeywords.length <= 100, 'alertKeywords', 'too_many', { max: 100 }).check(
      alertKeywords.every((k) => k.length <= 20),
      'alertKeywords',
      'length_between',
      { min: 1, max: 20 },
    );
    request.categories.forEach((c, i) => {
      validator
        .check(KEY.test(c.key), `categories[${i}].key`, 'bad_format')
        .check(
          c.label.trim().length > 0 && c.label.length <= 20,
          `categories[${i}].label`,
          'length_between',
          {
            min: 1,
            max: 20,
          },
        )
        // 0 is the same day; 60 calendar days is the limit of any appeal.
        .check(
          c.deadlineWorkingDays >= 0 && c.deadlineWorkingDays <= 40,
          `categories[${i}].deadlineWorkingDays`,
          'number_between',
          { min: 0, max: 40 },
        )
        .check(
          c.handlingOrganisationId === undefined || isUuid(c.handlingOrganisationId),
          `categories[${i}].handlingOrganisationId`,
          'not_an_id',
        );
    });
    validator.throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await appealSettingsOf(tx, tenantId);
      if (current.version !== request.version)
        throw new ConflictError('appeal settings were changed by someone else');
      const categories = request.categories.map((c) => ({
        key: c.key,
        label: c.label.trim(),
        deadlineWorkingDays: c.deadlineWorkingDays,
        ...(c.handlingOrganisationId ? { handlingOrganisationId: c.handlingOrganisationId } : {}),
      }));
      const fields = {
        categories,
        closeAfterDays: request.closeAfterDays,
        duplicateWindowDays: request.duplicateWindowDays,
        alertKeywords: request.keepAlertKeywords ? current.alertKeywords : alertKeywords,
      };
      const saved = await tx.appealSettings.upsert({
        where: { tenantId },
        create: { tenantId, ...fields, version: 1 },
        update: { ...fields, version: { increment: 1 }, updatedAt: new Date() },
      });
      this.kept.forget(tenantId);
      return settingsMessage({ ...fields, version: saved.version });
    });
  }
}
