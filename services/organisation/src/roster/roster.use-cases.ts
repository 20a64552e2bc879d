import { create } from '@bufbuild/protobuf';
import {
  GetMyPlacementResponseSchema,
  ListRosterResponseSchema,
  RosterEntrySchema,
  type GetMyPlacementResponse,
  type ListRosterRequest,
  type ListRosterResponse,
} from '@dangjian/contracts';
import { isUuid, requireRole, Validator } from '@dangjian/kit';
import { TreeAccess } from '../access/tree-access.js';
import type { OrganisationDatabase } from '../db/organisation-database.js';
import { findMyMember } from '../member-space/my-member.js';

/** Who each audience of a study plan is (issue 16): stages, or holding a committee position now. */
// In office today, China time, as the meetings and the self-withdrawal check count it.
const COMMITTEE_NOW = `exists (select 1 from positions p where p.holder_member_id = m.id
  and p.ended_on is null and p.term_start <= (now() at time zone 'Asia/Shanghai')::date
  and p.term_end >= (now() at time zone 'Asia/Shanghai')::date)`;

const AUDIENCE_WHERE = {
  all: `m.development_stage in ('probationary', 'full')`,
  committee: COMMITTEE_NOW,
  activists: `m.development_stage = 'activist'`,
  candidates: `m.development_stage = 'candidate'`,
} as const;
export const AUDIENCES = Object.keys(AUDIENCE_WHERE) as (keyof typeof AUDIENCE_WHERE)[];

type RosterRow = {
  member_id: string;
  user_id: string | null;
  name: string;
  organisation_id: string;
  organisation_name: string;
  development_stage: string;
  committee: boolean;
};

/**
 * The roster other services read (the learning service's plan results): members of a subtree who are
 * on the roll now (active, or mobile while a transfer is under way), by audience, paged by id.
 */
export class RosterUseCases {
  private readonly access = new TreeAccess();

  constructor(private readonly db: OrganisationDatabase) {}

  async list(request: ListRosterRequest): Promise<ListRosterResponse> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check((AUDIENCES as string[]).includes(request.audience), 'audience', 'not_one_of', {
        allowed: AUDIENCES.join(', '),
      })
      .check(request.afterMemberId === '' || isUuid(request.afterMemberId), 'afterMemberId', 'not_an_id')
      .throwIfInvalid();
    const limit = Math.min(Math.max(request.limit || 5000, 1), 20_000);
    return this.db.database.inRequestTenant(async (tx) => {
      const root = await this.access.subtreeRoot(tx, request.organisationId);
      const rows = await tx.$queryRawUnsafe<RosterRow[]>(
        `select m.id::text as member_id, m.user_id::text as user_id, m.name, o.id::text as organisation_id,
           o.name as organisation_name, m.development_stage, ${COMMITTEE_NOW} as committee
         from members m join organisations o on o.id = m.organisation_id
         where o.path like $1 and m.status in ('active', 'in_transfer')
           and ${AUDIENCE_WHERE[request.audience as keyof typeof AUDIENCE_WHERE]}
           and ($2 = '' or m.id > $2::uuid)
         order by m.id limit $3`,
        `${root.path}%`,
        request.afterMemberId,
        limit,
      );
      return create(ListRosterResponseSchema, {
        entries: rows.map((row) =>
          create(RosterEntrySchema, {
            memberId: row.member_id,
            userId: row.user_id ?? '',
            name: row.name,
            organisationId: row.organisation_id,
            organisationName: row.organisation_name,
            developmentStage: row.development_stage,
            committee: row.committee,
          }),
        ),
        nextAfterMemberId: rows.length === limit ? rows.at(-1)!.member_id : '',
      });
    });
  }

  /** The caller's own place in the tree (their plans are those of the organisations above them). */
  async myPlacement(): Promise<GetMyPlacementResponse> {
    return this.db.database.inRequestTenant(async (tx) => {
      const { member } = await findMyMember(tx);
      if (!member) return create(GetMyPlacementResponseSchema, { hasRecord: false });
      const [row] = await tx.$queryRawUnsafe<{ committee: boolean }[]>(
        `select ${COMMITTEE_NOW} as committee from members m where m.id = $1::uuid`,
        member.id,
      );
      return create(GetMyPlacementResponseSchema, {
        hasRecord: true,
        memberId: member.id,
        name: member.name,
        organisationPathIds: member.organisation.path.split('/').filter(Boolean),
        developmentStage: member.developmentStage,
        committee: row?.committee ?? false,
      });
    });
  }
}
