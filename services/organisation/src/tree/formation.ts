import { ORGANISATION_KIND, type Organisation } from '@dangjian/contracts';
import { chinaToday } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import { formationWarnings } from './formation-rules.js';

/**
 * Adds member counts and formation warnings to a page of organisations: two grouped queries for the
 * whole page, not one per row.
 */
export async function withFormation(tx: OrganisationTx, organisations: Organisation[], now: Date = new Date()): Promise<Organisation[]> {
  if (organisations.length === 0) return organisations;
  const ids = organisations.map((o) => o.id);
  const counts = (await tx.$queryRawUnsafe(
    `select organisation_id::text as id, count(*) filter (where development_stage = 'full')::int as full_members, count(*)::int as party_members
     from members where organisation_id = any($1::uuid[]) and status = 'active' and development_stage in ('full', 'probationary')
     group by organisation_id`,
    ids,
  )) as { id: string; full_members: number; party_members: number }[];
  const today = chinaToday(now);
  const committees = (await tx.$queryRawUnsafe(
    `select distinct organisation_id::text as id from positions
     where organisation_id = any($1::uuid[]) and kind in ('committee_member', 'deputy_secretary')
       and ended_on is null and term_start <= $2::date and term_end >= $2::date`,
    ids,
    today,
  )) as { id: string }[];
  const byId = new Map(counts.map((c) => [c.id, c]));
  const withCommittee = new Set(committees.map((c) => c.id));
  for (const organisation of organisations) {
    const count = byId.get(organisation.id);
    organisation.fullMemberCount = count?.full_members ?? 0;
    organisation.memberCount = count?.party_members ?? 0;
    organisation.formationWarnings = formationWarnings({
      kind: ORGANISATION_KIND.nameOf(organisation.kind) ?? '',
      joint: organisation.joint,
      fullMembers: organisation.fullMemberCount,
      partyMembers: organisation.memberCount,
      hasCommittee: withCommittee.has(organisation.id),
    });
  }
  return organisations;
}

/**
 * Branches of a subtree (active) with at least one formation warning: the member counts and the
 * committee check in one grouped query over the subtree, the rules in TypeScript (formation-rules).
 */
export async function countBranchesWithWarnings(tx: OrganisationTx, path: string, today: string): Promise<number> {
  const rows = (await tx.$queryRawUnsafe(
    // Members counted per organisation first (one hash aggregate), then joined to the branches:
    // on 1,000,000 members this took 30 ms where grouping the join by branch took over a second.
    `with counts as (
       select organisation_id, count(*) filter (where development_stage = 'full')::int as full_members, count(*)::int as party_members
       from members where status = 'active' and development_stage in ('full', 'probationary')
       group by organisation_id)
     select o.joint, coalesce(c.full_members, 0) as full_members, coalesce(c.party_members, 0) as party_members,
            exists (select 1 from positions p where p.organisation_id = o.id and p.kind in ('committee_member', 'deputy_secretary')
                      and p.ended_on is null and p.term_start <= $2::date and p.term_end >= $2::date) as has_committee
     from organisations o left join counts c on c.organisation_id = o.id
     where o.path like $1 || '%' and o.kind = 'branch' and o.status = 'active'`,
    path,
    today,
  )) as { joint: boolean; full_members: number; party_members: number; has_committee: boolean }[];
  return rows.filter(
    (row) =>
      formationWarnings({ kind: 'branch', joint: row.joint, fullMembers: row.full_members, partyMembers: row.party_members, hasCommittee: row.has_committee })
        .length > 0,
  ).length;
}
