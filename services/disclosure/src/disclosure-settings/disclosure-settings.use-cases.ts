import { create } from '@bufbuild/protobuf';
import {
  DisclosureCategorySchema,
  DisclosureSettingsSchema,
  type DisclosureSettings,
  type UpdateDisclosureSettingsRequest,
} from '@dangjian/contracts';
import { ConflictError, requireRole, requireTenant, Validator } from '@dangjian/kit';
import type { DisclosureDatabase, DisclosureTx } from '../db/disclosure-database.js';

export type Category = { key: string; label: string };

/** The five matters the 2017 条例 names (art. 8–11), until a tenant changes them. */
export const DEFAULT_CATEGORIES: Category[] = [
  { key: 'organisation', label: '组织建设' },
  { key: 'leadership', label: '领导班子建设' },
  { key: 'work', label: '党的工作' },
  { key: 'personnel', label: '干部人事' },
  { key: 'finance', label: '党费收缴使用' },
];

const KEY = /^[a-z][a-z0-9_]{0,29}$/;

export interface Settings {
  categories: Category[];
  version: number;
  progressCadence: string;
}

export const CADENCES = ['quarterly', 'monthly'] as const;

export async function categoriesOf(tx: DisclosureTx, tenantId: string): Promise<Settings> {
  const row = await tx.disclosureSettings.findUnique({ where: { tenantId } });
  return row
    ? { categories: row.categories as Category[], version: row.version, progressCadence: row.progressCadence }
    : { categories: DEFAULT_CATEGORIES, version: 0, progressCadence: 'quarterly' };
}

const toMessage = (s: Settings): DisclosureSettings =>
  create(DisclosureSettingsSchema, {
    categories: s.categories.map((c) => create(DisclosureCategorySchema, c)),
    version: s.version,
    progressCadence: s.progressCadence,
  });

/** 公开类别: a tenant's categories; tenant admins change them, staff read them. */
export class DisclosureSettingsUseCases {
  constructor(private readonly db: DisclosureDatabase) {}

  async get(): Promise<DisclosureSettings> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => toMessage(await categoriesOf(tx, tenantId)));
  }

  async update(request: UpdateDisclosureSettingsRequest): Promise<DisclosureSettings> {
    requireRole('tenant-admin');
    const keys = request.categories.map((c) => c.key);
    const validator = new Validator()
      .check(request.categories.length >= 1, 'categories', 'too_few', { min: 1 })
      .check(request.categories.length <= 20, 'categories', 'too_many', { max: 20 })
      .check(new Set(keys).size === keys.length, 'categories', 'bad_format')
      .check(
        request.progressCadence === undefined ||
          (CADENCES as readonly string[]).includes(request.progressCadence),
        'progressCadence',
        'not_one_of',
        { allowed: CADENCES.join(', ') },
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
        );
    });
    validator.throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await categoriesOf(tx, tenantId);
      if (current.version !== request.version)
        throw new ConflictError('disclosure settings were changed by someone else');
      const categories = request.categories.map((c) => ({ key: c.key, label: c.label.trim() }));
      const progressCadence = request.progressCadence ?? current.progressCadence;
      const saved = await tx.disclosureSettings.upsert({
        where: { tenantId },
        create: { tenantId, categories, progressCadence, version: 1 },
        update: { categories, progressCadence, version: { increment: 1 }, updatedAt: new Date() },
      });
      return toMessage({
        categories: saved.categories as Category[],
        version: saved.version,
        progressCadence: saved.progressCadence,
      });
    });
  }
}
