import { create } from '@bufbuild/protobuf';
import { StatisticCountSchema, type GetStatisticsResponse, type StatisticCount } from '@dangjian/contracts';
import { chinaToday, isUuid, Validator } from '@dangjian/kit';
import type { OrganisationDatabase } from '../db/organisation-database.js';
import { overdueSteps } from '../development/development.use-cases.js';
import { withFormation } from '../tree/formation.js';
import { toOrganisationMessage } from '../tree/organisation-mapper.js';
import { TreeAccess } from '../tree/tree-access.js';

const DIMENSIONS = [
  'development_stage',
  'gender',
  'age_band',
  'ethnicity',
  'education',
  'occupation',
] as const;

/**
 * Member statistics of a subtree in one query (GROUPING SETS over the subtree's active members),
 * plus the branches that carry formation warnings.
 */
export class StatisticsUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forSubtree(withinId: string): Promise<Omit<GetStatisticsResponse, '$typeName'>> {
    new Validator().check(isUuid(withinId), 'withinId', 'must be an organisation id').throwIfInvalid();
    const today = chinaToday(this.now());
    return this.db.database.inRequestTenant(async (tx) => {
      const root = await this.access.subtreeRoot(tx, withinId);
      const rows = (await tx.$queryRawUnsafe(
        `with subtree_members as (
           select m.development_stage, m.gender, m.ethnicity, m.education, m.occupation,
             case
               when date_part('year', age($2::date, m.birth_date)) <= 30 then '30_or_under'
               when date_part('year', age($2::date, m.birth_date)) <= 40 then '31_40'
               when date_part('year', age($2::date, m.birth_date)) <= 50 then '41_50'
               when date_part('year', age($2::date, m.birth_date)) <= 60 then '51_60'
               else '61_or_over'
             end as age_band
           from members m join organisations o on o.id = m.organisation_id
           where o.path like $1 || '%' and m.status = 'active')
         select ${DIMENSIONS.map((d) => `${d}, grouping(${d}) = 0 as by_${d}`).join(', ')}, count(*)::int as count
         from subtree_members
         group by grouping sets (${DIMENSIONS.map((d) => `(${d})`).join(', ')}, ())`,
        root.path,
        today,
      )) as Record<string, string | boolean | number>[];
      const counts = (dimension: (typeof DIMENSIONS)[number]): StatisticCount[] =>
        rows
          .filter((row) => row[`by_${dimension}`] === true)
          .map((row) =>
            create(StatisticCountSchema, { key: String(row[dimension] ?? ''), count: Number(row['count']) }),
          )
          .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
      const total = Number(
        rows.find((row) => DIMENSIONS.every((d) => row[`by_${d}`] === false))?.['count'] ?? 0,
      );
      const branches = await tx.organisation.findMany({
        where: { path: { startsWith: root.path }, kind: 'branch', status: 'active' },
      });
      const withWarnings = (await withFormation(tx, branches.map(toOrganisationMessage), this.now())).filter(
        (o) => o.formationWarnings.length > 0,
      );
      const organisations = await tx.organisation.count({ where: { path: { startsWith: root.path }, status: 'active' } });
      const overdueByStep = new Map<string, number>();
      for (const row of await overdueSteps(tx, today, [root.path])) {
        overdueByStep.set(row.step, (overdueByStep.get(row.step) ?? 0) + 1);
      }
      return {
        members: total,
        byStage: counts('development_stage'),
        byGender: counts('gender'),
        byAgeBand: counts('age_band'),
        byEthnicity: counts('ethnicity'),
        byEducation: counts('education'),
        byOccupation: counts('occupation'),
        organisations,
        branchesWithWarnings: withWarnings.length,
        overdueSteps: [...overdueByStep].map(([key, count]) => create(StatisticCountSchema, { key, count })),
      };
    });
  }
}
