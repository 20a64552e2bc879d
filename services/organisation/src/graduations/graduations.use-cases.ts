import { GRADUATE_DESTINATIONS } from '@dangjian/contracts';
import { create } from '@bufbuild/protobuf';
import {
  GraduateOverdueSchema,
  GraduationSchema,
  type GraduateOverdue,
  type Graduation,
  type ListGraduationsRequest,
  type RecordGraduationRequest,
} from '@dangjian/contracts';
import {
  addMonths,
  chinaToday,
  dateColumn,
  dateOnly,
  isCalendarDate,
  isUuid,
  pageWindow,
  requireRole,
  RuleViolatedError,
  Validator,
  fieldProblem,
} from '@dangjian/kit';
import type { OrganisationDatabase } from '../db/organisation-database.js';
import { readableMember } from '../members/readable-member.js';
import { TreeAccess } from '../access/tree-access.js';

/** rules.md §5: a graduate transfers on; an unemployed graduate may stay at the university up to 2 years. */
export const TRANSFER_DUE_MONTHS_AFTER_GRADUATION = 3;
export const UNEMPLOYED_HELD_MONTHS = 24;
/** Members one list request may name (a page of the member export). */
const MAX_MEMBER_IDS = 500;

interface GraduationRow {
  member_id: string;
  name: string;
  organisation_id: string;
  graduates_on: Date;
  destination: string;
  employer: string;
  status: string;
  updated_at: Date;
}

const SELECT = `select g.member_id::text, m.name, m.organisation_id::text, g.graduates_on, g.destination, g.employer, m.status, g.updated_at
  from graduations g join members m on m.id = g.member_id join organisations o on o.id = m.organisation_id`;

function graduationMessage(row: GraduationRow): Graduation {
  return create(GraduationSchema, {
    memberId: row.member_id,
    memberName: row.name,
    organisationId: row.organisation_id,
    graduatesOn: dateOnly(row.graduates_on),
    destination: row.destination,
    employer: row.employer,
    memberStatus: row.status,
    updatedAt: row.updated_at.toISOString(),
  });
}

/**
 * What a university chases about its graduates (rules.md §5), or undefined. Those with a job or a
 * further-study place should transfer within 3 months of graduating; those without one may stay up
 * to 2 years. A member already in transfer or transferred out is not chased here (the transfer
 * chase list follows them).
 */
export function graduateOverdueOf(
  row: { graduatesOn: string; destination: string; status: string },
  today: string,
): { kind: string; dueOn: string } | undefined {
  if (row.status !== 'active') return undefined;
  if (row.destination === 'unemployed') {
    const dueOn = addMonths(row.graduatesOn, UNEMPLOYED_HELD_MONTHS);
    return today > dueOn ? { kind: 'held_beyond_two_years', dueOn } : undefined;
  }
  const dueOn = addMonths(row.graduatesOn, TRANSFER_DUE_MONTHS_AFTER_GRADUATION);
  return today > dueOn ? { kind: 'no_transfer', dueOn } : undefined;
}

/** Student members' graduation dates and destinations, and the graduates to chase. */
export class GraduationsUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(request: RecordGraduationRequest): Promise<Graduation> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(isCalendarDate(request.graduatesOn), 'graduatesOn', 'not_a_date')
      .check(
        (GRADUATE_DESTINATIONS as readonly string[]).includes(request.destination ?? 'unknown'),
        'destination',
        'not_one_of',
        { allowed: GRADUATE_DESTINATIONS.join(', ') },
      )
      .check((request.employer ?? '').length <= 100, 'employer', 'too_long', { max: 100 })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const member = await readableMember(tx, this.access, request.memberId);
      if (member.occupation !== 'student') {
        throw new RuleViolatedError(
          'graduation-student-only',
          'a graduation is recorded for a student member',
          [fieldProblem('memberId', 'occupation_is', { occupation: member.occupation })],
        );
      }
      const data = {
        graduatesOn: dateColumn(request.graduatesOn),
        destination: request.destination ?? 'unknown',
        employer: (request.employer ?? '').trim(),
        recordedBy: principal.userId,
      };
      await tx.graduation.upsert({
        where: { tenantId_memberId: { tenantId: member.tenantId, memberId: member.id } },
        create: { tenantId: member.tenantId, memberId: member.id, ...data },
        update: { ...data, updatedAt: new Date() },
      });
      const [row] = (await tx.$queryRawUnsafe(
        `${SELECT} where g.member_id = $1::uuid`,
        member.id,
      )) as GraduationRow[];
      return graduationMessage(row!);
    });
  }

  async list(request: ListGraduationsRequest): Promise<{ graduations: Graduation[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    // The filter was validated at the edge; the member ids also come from the member export's pages.
    new Validator()
      .check(request.memberIds.every(isUuid), 'filter.memberId', 'not_an_id')
      .check(request.memberIds.length <= MAX_MEMBER_IDS, 'filter.memberId', 'too_many', {
        max: MAX_MEMBER_IDS,
      })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const { skip, take } = pageWindow(request.page);
      const filter =
        '($1::text[] is null or o.path like any($1::text[])) and ($2::uuid[] is null or g.member_id = any($2::uuid[]))';
      const values = [
        paths ? paths.map((p) => `${p}%`) : null,
        request.memberIds.length > 0 ? request.memberIds : null,
      ];
      const rows = (await tx.$queryRawUnsafe(
        `${SELECT} where ${filter} order by g.graduates_on desc, m.name, g.member_id limit ${take} offset ${skip}`,
        ...values,
      )) as GraduationRow[];
      const [count] = (await tx.$queryRawUnsafe(
        `select count(*)::int as total from graduations g join members m on m.id = g.member_id join organisations o on o.id = m.organisation_id where ${filter}`,
        ...values,
      )) as { total: number }[];
      return { graduations: rows.map(graduationMessage), total: count!.total };
    });
  }

  /** Graduates still on the books past their time, oldest first. */
  async overdue(withinId: string | undefined): Promise<GraduateOverdue[]> {
    requireRole('tenant-admin', 'secretary');
    const today = chinaToday(this.now());
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, withinId);
      // Only those who graduated at least 3 months ago can be due, and a transfer under way (applied
      // and not sent back, withdrawn or voided) is being dealt with; the rule decides the rest.
      const rows = (await tx.$queryRawUnsafe(
        `${SELECT} where ($1::text[] is null or o.path like any($1::text[])) and m.status = 'active' and g.graduates_on < $2::date
           and not exists (select 1 from transfers t where t.member_id = m.id and t.direction = 'outgoing' and t.state not in ('sent_back', 'withdrawn', 'voided'))
         order by g.graduates_on, m.name`,
        paths ? paths.map((p) => `${p}%`) : null,
        addMonths(today, -TRANSFER_DUE_MONTHS_AFTER_GRADUATION),
      )) as GraduationRow[];
      return rows.flatMap((row) => {
        const due = graduateOverdueOf(
          { graduatesOn: dateOnly(row.graduates_on), destination: row.destination, status: row.status },
          today,
        );
        return due
          ? [
              create(GraduateOverdueSchema, {
                kind: due.kind,
                dueOn: due.dueOn,
                graduation: graduationMessage(row),
              }),
            ]
          : [];
      });
    });
  }
}
