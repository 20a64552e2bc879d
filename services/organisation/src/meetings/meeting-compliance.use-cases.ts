import { create } from '@bufbuild/protobuf';
import {
  MeetingComplianceGroupSchema,
  MeetingComplianceRowSchema,
  type GetMeetingComplianceRequest,
  type MeetingComplianceGroup,
  type MeetingComplianceRow,
} from '@dangjian/contracts';
import { chinaToday, requireRole, requireTenant, Validator } from '@dangjian/kit';
import type { OrganisationDatabase } from '../db/organisation-database.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';
import { complianceStatus, expectedKinds, frequencyMonths, periodsOfYear } from './meeting-rules.js';

/** Meeting compliance (rules.md §4): each branch's and party group's periods of a year, met or not. */
export class MeetingComplianceUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * For each branch and party group in the subtree, each kind it is expected to hold and each
   * period of the year: how many valid meetings were held (a quorum kind counts only with its
   * quorum), and whether the period is met, missed, due or upcoming.
   */
  async compliance(
    request: GetMeetingComplianceRequest,
  ): Promise<{ rows: MeetingComplianceRow[] } | { groups: MeetingComplianceGroup[] }> {
    requireRole('tenant-admin', 'secretary');
    const today = chinaToday(this.now());
    const year = request.year ?? Number(today.slice(0, 4));
    new Validator()
      .check(Number.isInteger(year) && year >= 2000 && year <= 2100, 'filter.year', 'not_a_year', {
        min: 2000,
        max: 2100,
      })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const settings = await readSettings(tx, tenantId);
      const organisations = (await tx.$queryRawUnsafe(
        `select o.id::text, o.name, o.kind, o.path,
                (select count(*)::int from members m join organisations s on s.id = m.organisation_id
                  where s.path like o.path || '%' and m.development_stage = 'full' and m.status in ('active', 'in_transfer')) as full_members
         from organisations o
         where o.kind in ('branch', 'group') and o.status = 'active' and ($1::text[] is null or o.path like any($1::text[]))
         order by o.path`,
        paths ? paths.map((p) => `${p}%`) : null,
      )) as { id: string; name: string; kind: string; path: string; full_members: number }[];
      // Held, valid meetings of the year by organisation, kind and China-time month; a party lecture
      // given by a secretary of the organisation in office that day also counts as 'secretary_lecture'.
      const held = (await tx.$queryRawUnsafe(
        `select organisation_id::text, kind, to_char(held_on, 'MM')::int as month, count(*)::int as count
         from meetings
         where state = 'held' and coalesce(quorum_met, true) and held_on >= $1::date and held_on < $2::date
           and organisation_id = any($3::uuid[])
         group by 1, 2, 3
         union all
         select mt.organisation_id::text, 'secretary_lecture', to_char(mt.held_on, 'MM')::int, count(*)::int
         from meetings mt
         where mt.state = 'held' and mt.kind = 'party_lecture' and mt.held_on >= $1::date and mt.held_on < $2::date
           and mt.organisation_id = any($3::uuid[])
           and exists (select 1 from positions p
                       where p.organisation_id = mt.organisation_id and p.kind = 'secretary'
                         and p.holder_member_id = mt.lecturer_member_id
                         and p.term_start <= mt.held_on and coalesce(p.ended_on, p.term_end) >= mt.held_on)
         group by 1, 2, 3`,
        `${year}-01-01`,
        `${year + 1}-01-01`,
        organisations.map((o) => o.id),
      )) as { organisation_id: string; kind: string; month: number; count: number }[];
      // Counts by organisation, kind and month, looked up per period (not a scan of every row per
      // period: a county committee has thousands of branches).
      const counts = new Map(held.map((h) => [`${h.organisation_id}:${h.kind}:${h.month}`, h.count]));
      const heldIn = (organisationId: string, kind: string, start: string, end: string) => {
        let sum = 0;
        for (let month = Number(start.slice(5, 7)); month <= Number(end.slice(5, 7)); month++)
          sum += counts.get(`${organisationId}:${kind}:${month}`) ?? 0;
        return sum;
      };
      const groups: MeetingComplianceGroup[] = [];
      for (const organisation of organisations) {
        for (const kind of expectedKinds(organisation.kind, organisation.full_members)) {
          const periods = periodsOfYear(year, frequencyMonths(kind, settings.partyLectureMonths)).map(
            (period) => {
              const count = heldIn(organisation.id, kind, period.start, period.end);
              return create(MeetingComplianceRowSchema, {
                organisationId: organisation.id,
                organisationName: organisation.name,
                kind,
                period: period.label,
                periodStart: period.start,
                periodEnd: period.end,
                held: count,
                status: complianceStatus(period, today, count),
              });
            },
          );
          groups.push(
            create(MeetingComplianceGroupSchema, {
              organisationId: organisation.id,
              organisationName: organisation.name,
              kind,
              periods,
              missed: periods.filter((period) => period.status === 'missed').length,
            }),
          );
        }
      }
      const wanted = (row: MeetingComplianceRow) => !request.status || row.status === request.status;
      // A big committee has hundreds of branches: the console pages through groups, not periods.
      if (request.grouped) return { groups: groups.filter((group) => group.periods.some(wanted)) };
      return { rows: groups.flatMap((group) => group.periods).filter(wanted) };
    });
  }
}
