import { create } from '@bufbuild/protobuf';
import {
  GetMyPlacementResponseSchema,
  ListRosterChangesResponseSchema,
  ListRosterResponseSchema,
  RosterEntrySchema,
  RosterMemberSnapshotSchema,
  RosterOrganisationSnapshotSchema,
  RosterTermSchema,
  FindNamesInTextResponseSchema,
  NameInTextSchema,
  type FindNamesInTextRequest,
  type FindNamesInTextResponse,
  type GetMyPlacementResponse,
  type ListRosterChangesRequest,
  type ListRosterChangesResponse,
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

type MemberSnapshotRow = {
  member_id: string;
  user_id: string | null;
  name: string;
  organisation_id: string;
  development_stage: string;
  status: string;
  terms: { startsOn: string; endsOn: string }[];
};

/** A feed cursor `xact:seq`; empty is the beginning. */
function parseCursor(after: string): { xact: string; seq: string } | undefined {
  if (after === '') return { xact: '0', seq: '0' };
  const match = /^(\d{1,19}):(\d{1,19})$/.exec(after);
  return match ? { xact: match[1]!, seq: match[2]! } : undefined;
}

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

  /**
   * The change feed (decision 0030): the members and organisations changed after the cursor, as they
   * are now. The cursor moves only past changes of transactions older than every one still running
   * (a change committed late is never skipped); newer committed changes are handed out too, so a
   * reader sees its caller's own writes at once, and again next time (applying one twice is harmless).
   */
  async changes(request: ListRosterChangesRequest): Promise<ListRosterChangesResponse> {
    requireRole('tenant-admin', 'secretary');
    const cursor = parseCursor(request.after);
    new Validator().check(cursor !== undefined, 'after', 'bad_format').throwIfInvalid();
    // A page stays one NATS message (1 MB at most; an entry is about 160 bytes).
    const limit = Math.min(Math.max(request.limit || 2000, 1), 5000);
    return this.db.database.inRequestTenant(async (tx) => {
      const [snapshot] = await tx.$queryRawUnsafe<{ horizon: string }[]>(
        `select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
      );
      const horizon = BigInt(snapshot!.horizon);
      const rows = await tx.$queryRawUnsafe<{ xact: string; seq: string; kind: string; entity_id: string }[]>(
        // Ordered by the columns, not the text shown (named alike, the output would win).
        `select c.xact::text as xact, c.seq::text as seq, c.kind, c.entity_id::text as entity_id
           from roster_changes c
          where (c.xact, c.seq) > ($1::bigint, $2::bigint) order by c.xact, c.seq limit $3`,
        cursor!.xact,
        cursor!.seq,
        limit,
      );
      const settled = rows.filter((row) => BigInt(row.xact) < horizon).at(-1);
      const memberIds = [...new Set(rows.filter((r) => r.kind === 'member').map((r) => r.entity_id))];
      const organisationIds = [
        ...new Set(rows.filter((r) => r.kind === 'organisation').map((r) => r.entity_id)),
      ];
      const members = memberIds.length
        ? await tx.$queryRawUnsafe<MemberSnapshotRow[]>(
            `select m.id::text as member_id, m.user_id::text as user_id, m.name, m.organisation_id::text as organisation_id,
                    m.development_stage, m.status,
                    coalesce((select json_agg(json_build_object('startsOn', p.term_start::text, 'endsOn', p.term_end::text))
                                from positions p where p.holder_member_id = m.id and p.ended_on is null), '[]') as terms
               from members m where m.id = any($1::uuid[])`,
            memberIds,
          )
        : [];
      const organisations = organisationIds.length
        ? await tx.$queryRawUnsafe<{ id: string; path: string; name: string }[]>(
            `select id::text, path, name from organisations where id = any($1::uuid[])`,
            organisationIds,
          )
        : [];
      const foundMembers = new Set(members.map((m) => m.member_id));
      const foundOrganisations = new Set(organisations.map((o) => o.id));
      return create(ListRosterChangesResponseSchema, {
        members: members.map((m) =>
          create(RosterMemberSnapshotSchema, {
            memberId: m.member_id,
            userId: m.user_id ?? '',
            name: m.name,
            organisationId: m.organisation_id,
            developmentStage: m.development_stage,
            status: m.status,
            committeeTerms: m.terms.map((t) => create(RosterTermSchema, t)),
          }),
        ),
        organisations: organisations.map((o) =>
          create(RosterOrganisationSnapshotSchema, { organisationId: o.id, path: o.path, name: o.name }),
        ),
        removedMemberIds: memberIds.filter((id) => !foundMembers.has(id)),
        removedOrganisationIds: organisationIds.filter((id) => !foundOrganisations.has(id)),
        next: settled ? `${settled.xact}:${settled.seq}` : request.after,
        more: rows.length === limit && settled !== undefined,
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

  /**
   * Members whose names occur in a text, and whether each is inside the audience (issue 17's
   * confidentiality review). Names of two characters or more; the whole tenant, since a text may name
   * anyone. Names only leave here.
   */
  async namesInText(request: FindNamesInTextRequest): Promise<FindNamesInTextResponse> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(request.text.length <= 20_000, 'text', 'length_between', { min: 0, max: 20_000 })
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ name: string; within: boolean }[]>(
        `select m.name,
                bool_and(case $3
                  when 'organisation' then m.organisation_id = $2::uuid
                  when 'subtree' then o.path like '%/' || $2 || '/%'
                  else false end) as within
           from members m join organisations o on o.id = m.organisation_id
          where m.status = 'active' and char_length(m.name) >= 2 and strpos($1, m.name) > 0
          group by m.name order by m.name limit 100`,
        request.text,
        request.organisationId,
        request.audience,
      );
      return create(FindNamesInTextResponseSchema, {
        names: rows.map((row) => create(NameInTextSchema, { name: row.name, withinAudience: row.within })),
      });
    });
  }
}
