import { OrganisationService, type StatisticCount } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TenantRoles } from '../../auth/access.decorators.js';

const counts = (list: StatisticCount[]) => list.map(({ key, count }) => ({ key, count }));

/** Member statistics of an organisation's subtree: `GET /statistics/<organisation id>` (react-admin getOne). */
@ApiTags('statistics')
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id')
  @TenantRoles(['tenant-admin', 'secretary'], { module: 'organisation' })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    const s = await this.rpc.call(OrganisationService.method.getStatistics, { withinId: id });
    return {
      id,
      members: s.members,
      organisations: s.organisations,
      branchesWithWarnings: s.branchesWithWarnings,
      byStage: counts(s.byStage),
      byGender: counts(s.byGender),
      byAgeBand: counts(s.byAgeBand),
      byEthnicity: counts(s.byEthnicity),
      byEducation: counts(s.byEducation),
      byOccupation: counts(s.byOccupation),
      overdueSteps: counts(s.overdueSteps),
    };
  }
}
