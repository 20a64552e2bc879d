import { create } from '@bufbuild/protobuf';
import {
  GetMyPointsResponseSchema,
  PointsSettingsSchema,
  type GetMyPointsResponse,
  type PointsSettings,
  type UpdatePointsSettingsRequest,
} from '@dangjian/contracts';
import {
  chinaToday,
  ConflictError,
  dateColumn,
  dateOnly,
  fieldProblem,
  requirePrincipal,
  requireRole,
  requireTenant,
} from '@dangjian/kit';
import type { LearningDatabase } from '../db/learning-database.js';
import { currentTable, type PointsTable } from './points-ledger.js';
import { checkPointsTable, DEFAULT_RULES } from './points-rules.js';

const RECENT_AWARDS = 20;
/** Everyone of the tenant may see their own points. */
const LEARNERS = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;

function settingsMessage(table: PointsTable): PointsSettings {
  return create(PointsSettingsSchema, {
    enabled: table.enabled,
    rankingEnabled: table.rankingEnabled,
    rules: table.rules,
    windows: table.windows,
    version: table.version,
    updatedAt: table.updatedAt?.toISOString() ?? '',
  });
}

/** 学习积分: the tenant admin's rule table, and each person's own points. */
export class PointsUseCases {
  constructor(private readonly db: LearningDatabase) {}

  /**
   * The table in force, to edit. An action the platform gained after the table was saved is shown with
   * its default, and counts once the table is saved with it.
   */
  async settings(): Promise<PointsSettings> {
    requireRole('tenant-admin');
    return this.db.database.inRequestTenant(async (tx) => {
      const table = await currentTable(tx);
      const missing = DEFAULT_RULES.filter((d) => !table.rules.some((r) => r.action === d.action));
      return settingsMessage({ ...table, rules: [...table.rules, ...missing] });
    });
  }

  /** A save is a new version; the old ones stay, and each award names the version it was made under. */
  async update(request: UpdatePointsSettingsRequest): Promise<PointsSettings> {
    const principal = requireRole('tenant-admin');
    const rules = request.rules.map((r) => ({
      action: r.action,
      points: r.points,
      dailyCap: r.dailyCap,
      minDwellSeconds: r.minDwellSeconds,
      perMinutes: r.perMinutes,
    }));
    const windows = request.windows.map((w) => ({
      startsOn: w.startsOn,
      endsOn: w.endsOn,
      multiplier: w.multiplier,
    }));
    checkPointsTable(rules, windows).throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      // Saves take turns: the second of two editors of the same version is told, not overwritten.
      await tx.$executeRawUnsafe(
        `select pg_advisory_xact_lock(hashtextextended('points-table:' || $1, 0))`,
        tenantId,
      );
      const current = await currentTable(tx);
      if (request.version !== current.version)
        throw new ConflictError('the rule table was changed by someone else: reload it', [
          fieldProblem('version', 'stale_version', { current: current.version }),
        ]);
      const row = await tx.pointsRuleTable.create({
        data: {
          tenantId,
          version: current.version + 1,
          enabled: request.enabled,
          rankingEnabled: request.rankingEnabled,
          rules: rules as never,
          windows: windows as never,
          createdBy: principal.userId,
        },
      });
      return settingsMessage({ ...current, ...row, rules, windows, updatedAt: row.createdAt });
    });
  }

  /** My points: today's, all of them, the latest grants; my own place only where rankings are on. */
  async mine(): Promise<GetMyPointsResponse> {
    requireRole(...LEARNERS);
    const { userId } = requirePrincipal();
    return this.db.database.inRequestTenant(async (tx) => {
      const table = await currentTable(tx);
      const [total, today, recent] = await Promise.all([
        tx.pointsAward.aggregate({ where: { userId }, _sum: { points: true } }),
        tx.pointsAward.aggregate({
          where: { userId, day: dateColumn(chinaToday()) },
          _sum: { points: true },
        }),
        tx.pointsAward.findMany({
          where: { userId },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: RECENT_AWARDS,
        }),
      ]);
      const mine = total._sum.points ?? 0;
      let position = 0;
      let ranked = 0;
      if (table.enabled && table.rankingEnabled) {
        // Only the caller's own place: how many have more, and how many have any.
        const [row] = (await tx.$queryRawUnsafe(
          `select count(*) filter (where t.total > $1)::int as ahead, count(*)::int as ranked
             from (select sum(points) as total from points_awards group by user_id) t`,
          mine,
        )) as { ahead: number; ranked: number }[];
        ranked = row!.ranked;
        position = mine > 0 ? row!.ahead + 1 : 0;
      }
      return create(GetMyPointsResponseSchema, {
        enabled: table.enabled,
        total: mine,
        today: today._sum.points ?? 0,
        recent: recent.map((a) => ({
          action: a.action,
          points: a.points,
          day: dateOnly(a.day),
          awardedAt: a.createdAt.toISOString(),
          ruleVersion: a.ruleVersion,
        })),
        rankingEnabled: table.enabled && table.rankingEnabled,
        position,
        ranked,
        rules: table.enabled ? table.rules : [],
      });
    });
  }
}
