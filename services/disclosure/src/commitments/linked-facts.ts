import { MeetingService, StudyPlanService } from '@dangjian/contracts';
import type { RpcClient } from '@dangjian/kit';

export interface Fact {
  kind: 'meetings_held' | 'plan_completion';
  text: string;
  value: number;
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** The days of a period of a year: `from` inclusive, `to` exclusive (China's calendar dates). */
export function periodRange(year: number, period: string): { from: string; to: string; name: string } {
  const first = period.startsWith('Q') ? (Number(period.slice(1)) - 1) * 3 + 1 : Number(period.slice(1));
  const months = period.startsWith('Q') ? 3 : 1;
  const day = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  const end = first + months;
  return {
    from: day(year, first),
    to: end > 12 ? day(year + 1, end - 12) : day(year, end),
    name: period.startsWith('Q') ? QUARTER_NAMES[Number(period.slice(1)) - 1]! : `${first}月`,
  };
}

/**
 * Evidence the platform already holds (issue 17: "linked, not typed again"), asked with the caller's
 * context so a secretary links only what they may read: meetings held in the organisation's subtree in
 * the period (organisation service), a study plan's completion (learning service). Kept as a snapshot
 * with the progress entry.
 */
export class LinkedFacts {
  constructor(private readonly rpc: RpcClient) {}

  async of(
    organisationId: string,
    year: number,
    period: string,
    request: { linkMeetings: boolean; studyPlanId?: string },
  ): Promise<Fact[]> {
    const facts: Fact[] = [];
    const range = periodRange(year, period);
    if (request.linkMeetings) {
      const { total } = await this.rpc.call(MeetingService.method.listMeetings, {
        withinId: organisationId,
        state: 'held',
        from: range.from,
        to: range.to,
        page: { offset: 0, limit: 1 },
      });
      facts.push({
        kind: 'meetings_held',
        text: `${range.name}召开会议 ${total} 次（平台记录）`,
        value: total,
      });
    }
    if (request.studyPlanId) {
      const [{ studyPlan: plan }, results] = await Promise.all([
        this.rpc.call(StudyPlanService.method.getStudyPlan, { id: request.studyPlanId }),
        this.rpc.call(StudyPlanService.method.getStudyPlanResults, {
          id: request.studyPlanId,
          page: { offset: 0, limit: 1 },
        }),
      ]);
      const everyone = results.notStarted + results.behind + results.onTrack + results.finished;
      const share = everyone === 0 ? 0 : Math.round((results.finished / everyone) * 1000) / 10;
      facts.push({
        kind: 'plan_completion',
        text: `学习计划《${plan!.name}》完成 ${results.finished}/${everyone} 人（${share}%，平台记录）`,
        value: share,
      });
    }
    return facts;
  }
}
