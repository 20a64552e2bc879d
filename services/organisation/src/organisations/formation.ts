import { ORGANISATION_KIND, type Organisation } from '@dangjian/contracts';
import { chinaToday } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import { formationWarnings } from './formation-rules.js';

interface FormationRow {
  id: string;
  kind: string;
  joint: boolean;
  full_members: number;
  party_members: number;
  has_committee: boolean;
}

/**
 * The facts the formation rules read, for some organisations (by id) or for the active branches of
 * a subtree, in one query: members counted per organisation first (one aggregate over the
 * `members_formation_idx` index), then joined to the organisations. On 1,000,000 members this took
 * 0.19 s where grouping the join by organisation took over a second.
 */
async function formationFacts(
  tx: OrganisationTx,
  selection: { ids: string[] } | { subtree: string },
  today: string,
): Promise<FormationRow[]> {
  const byIds = 'ids' in selection;
  return (await tx.$queryRawUnsafe(
    `with counts as (
       select organisation_id, count(*) filter (where development_stage = 'full')::int as full_members, count(*)::int as party_members
       from members where status = 'active' and development_stage in ('full', 'probationary')
         ${byIds ? 'and organisation_id = any($1::uuid[])' : ''}
       group by organisation_id)
     select o.id::text as id, o.kind, o.joint,
            coalesce(c.full_members, 0) as full_members, coalesce(c.party_members, 0) as party_members,
            exists (select 1 from positions p where p.organisation_id = o.id and p.kind in ('committee_member', 'deputy_secretary')
                      and p.ended_on is null and p.term_start <= $2::date and p.term_end >= $2::date) as has_committee
     from organisations o left join counts c on c.organisation_id = o.id
     where ${byIds ? 'o.id = any($1::uuid[])' : "o.path like $1 || '%' and o.kind = 'branch' and o.status = 'active'"}`,
    byIds ? selection.ids : selection.subtree,
    today,
  )) as FormationRow[];
}

const warningsOf = (row: FormationRow) =>
  formationWarnings({
    kind: row.kind,
    joint: row.joint,
    fullMembers: row.full_members,
    partyMembers: row.party_members,
    hasCommittee: row.has_committee,
  });

/** Adds member counts and formation warnings to a page of organisations (one query for the page). */
export async function withFormation(
  tx: OrganisationTx,
  organisations: Organisation[],
  now: Date = new Date(),
): Promise<Organisation[]> {
  if (organisations.length === 0) return organisations;
  const facts = new Map(
    (await formationFacts(tx, { ids: organisations.map((o) => o.id) }, chinaToday(now))).map((row) => [
      row.id,
      row,
    ]),
  );
  for (const organisation of organisations) {
    const row = facts.get(organisation.id);
    organisation.fullMemberCount = row?.full_members ?? 0;
    organisation.memberCount = row?.party_members ?? 0;
    organisation.formationWarnings = row
      ? warningsOf(row)
      : formationWarnings({
          kind: ORGANISATION_KIND.nameOf(organisation.kind) ?? '',
          joint: organisation.joint,
          fullMembers: 0,
          partyMembers: 0,
          hasCommittee: false,
        });
  }
  return organisations;
}

/** Active branches of a subtree with at least one formation warning. */
export async function countBranchesWithWarnings(
  tx: OrganisationTx,
  path: string,
  today: string,
): Promise<number> {
  return (await formationFacts(tx, { subtree: path }, today)).filter((row) => warningsOf(row).length > 0)
    .length;
}
