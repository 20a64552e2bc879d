import { StudyPlanService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { sendFile, workbookOf, XLSX_TYPE } from '../../http/spreadsheet.js';
import { LEARNING_STAFF } from '../access.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

const AUDIENCES: Record<string, string> = {
  all: '全体党员',
  committee: '书记和委员',
  activists: '入党积极分子',
  candidates: '发展对象',
};

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;

/**
 * 学习计划完成情况汇总: the secretary's one-page export — the plan's roster by organisation directly
 * below the plan's, with each status counted and the share finished, in one sheet that prints on a page.
 */
@ApiTags('learning')
@Controller('api/v1/study-plan-summaries')
export class StudyPlanSummaryController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id')
  @TenantRoles(LEARNING_STAFF.tenant, { module: LEARNING_STAFF.module })
  @ApiOperation({
    summary: 'A plan’s one-page summary as .xlsx: the roster by organisation, each status counted',
  })
  @ApiProduces(XLSX_TYPE)
  async summary(@Param('id', IdParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { studyPlan, rows, rosterPending } = await this.rpc.call(
      StudyPlanService.method.getStudyPlanSummary,
      {
        id,
      },
    );
    const plan = studyPlan!;
    const all = rows.reduce(
      (sum, row) => ({
        notStarted: sum.notStarted + row.notStarted,
        behind: sum.behind + row.behind,
        onTrack: sum.onTrack + row.onTrack,
        finished: sum.finished + row.finished,
      }),
      { notStarted: 0, behind: 0, onTrack: 0, finished: 0 },
    );
    const line = (name: string, r: typeof all) => {
      const whole = r.notStarted + r.behind + r.onTrack + r.finished;
      return {
        organisation: name,
        roster: String(whole),
        notStarted: String(r.notStarted),
        behind: String(r.behind),
        onTrack: String(r.onTrack),
        finished: String(r.finished),
        rate: percent(r.finished, whole),
      };
    };
    const file = await workbookOf(
      '完成情况汇总',
      [
        { header: '组织', key: 'organisation', width: 30 },
        { header: '应学人数', key: 'roster' },
        { header: '未开始', key: 'notStarted' },
        { header: '进度落后', key: 'behind' },
        { header: '按进度', key: 'onTrack' },
        { header: '已完成', key: 'finished' },
        { header: '完成率', key: 'rate' },
      ],
      [
        ...rows.map((row) =>
          line(
            row.organisationId === plan.organisationId
              ? `${row.organisationName}（本级）`
              : row.organisationName,
            row,
          ),
        ),
        line('合计', all),
      ],
      [
        ['学习计划', plan.name],
        ['学习对象', AUDIENCES[plan.audience] ?? plan.audience],
        ['起止日期', `${plan.startsOn} 至 ${plan.endsOn}`],
        ['要求学时（分钟）', String(plan.requiredMinutes)],
        ['人数合计', line('合计', all).roster],
        ...(rosterPending ? [['说明', '组织名册正在同步，数字为已同步部分']] : []),
      ],
    );
    return sendFile(reply, file, `${plan.name}完成情况汇总.xlsx`);
  }
}
