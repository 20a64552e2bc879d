import { create } from '@bufbuild/protobuf';
import { StatisticCountSchema, type GetStatisticsResponse, type StatisticCount } from '@dangjian/contracts';
import { requireRole, chinaToday, isUuid, Validator } from '@dangjian/kit';
import type { OrganisationDatabase } from '../db/organisation-database.js';
import {
  statisticsFromTallies,
  SUBTREE_TALLIES_SQL,
  type Dimension,
  type TallyRow,
} from './statistics-sql.js';
import { countBranchesWithWarnings } from '../organisations/formation.js';
import { TreeAccess } from '../access/tree-access.js';

/**
 * Member statistics of a subtree from its running tallies (a few thousand rows, not the subtree's
 * member rows; decision 0011), plus the branches that carry formation warnings.
 */
export class StatisticsUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forSubtree(withinId: string): Promise<Omit<GetStatisticsResponse, '$typeName'>> {
    requireRole('tenant-admin', 'secretary');
    new Validator().check(isUuid(withinId), 'withinId', 'not_an_id').throwIfInvalid();
    const today = chinaToday(this.now());
    return this.db.database.inRequestTenant(async (tx) => {
      const root = await this.access.subtreeRoot(tx, withinId);
      const tallies = (await tx.$queryRawUnsafe(SUBTREE_TALLIES_SQL, root.id)) as TallyRow[];
      const { total, byDimension, overdueSteps } = statisticsFromTallies(tallies, today);
      const counts = (dimension: Dimension): StatisticCount[] =>
        byDimension[dimension].map((c) => create(StatisticCountSchema, c));
      const branchesWithWarnings = await countBranchesWithWarnings(tx, root.path, today);
      const organisations = await tx.organisation.count({
        where: { path: { startsWith: root.path }, status: 'active' },
      });
      return {
        members: total,
        byStage: counts('development_stage'),
        byGender: counts('gender'),
        byAgeBand: counts('age_band'),
        byEthnicity: counts('ethnicity'),
        byEducation: counts('education'),
        byOccupation: counts('occupation'),
        organisations,
        branchesWithWarnings,
        overdueSteps: overdueSteps.map((c) => create(StatisticCountSchema, c)),
      };
    });
  }
}
