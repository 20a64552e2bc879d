import { RosterService, type ListRosterChangesResponse } from '@dangjian/contracts';
import { requireTenant, type RpcClient } from '@dangjian/kit';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';

/**
 * Feed entries per page: a page is one message over the bus (about 160 bytes an entry, well inside
 * NATS's 1 MB payload) and one statement per table here.
 */
const PAGE = 2_000;

/**
 * The learning service's copy of the roster (decision 0030), brought up to date from the organisation
 * service's change feed before a plan's results are read: a million members are one query here, not a
 * million entries over the bus. One catch-up per tenant at a time (a lock held while a page is read and
 * applied), so an older page never overwrites a newer one.
 */
export class RosterCopy {
  /** Tenants whose catch-up goes on in the background. */
  private readonly running = new Set<string>();

  constructor(
    private readonly db: LearningDatabase,
    private readonly rpc: RpcClient,
  ) {}

  /**
   * Applies the feed's changes for the request's tenant for up to `budgetMs` now; when more wait (a
   * first read in a large tenant, a big import), the rest goes on after the answer, one run per
   * tenant, and this says the copy is still pending.
   */
  async catchUp(budgetMs = 1_500): Promise<{ pending: boolean }> {
    const tenantId = requireTenant();
    if (this.running.has(tenantId)) return { pending: true };
    const until = Date.now() + budgetMs;
    do {
      if (!(await this.applyPage(tenantId))) return { pending: false };
    } while (Date.now() < until);
    this.running.add(tenantId);
    void (async () => {
      try {
        while (await this.applyPage(tenantId));
      } catch (error) {
        // The next read starts again from the cursor: nothing is lost.
        console.warn(`roster copy of tenant ${tenantId}: ${(error as Error).message}`);
      } finally {
        this.running.delete(tenantId);
      }
    })();
    return { pending: true };
  }

  /** One page of the feed applied; whether more wait. */
  private async applyPage(tenantId: string): Promise<boolean> {
    const page = await this.db.database.inRequestTenant(async (tx) => {
      await tx.$executeRawUnsafe(`select pg_advisory_xact_lock(hashtext('roster-copy:' || $1))`, tenantId);
      await tx.$executeRawUnsafe(
        `insert into roster_cursors (tenant_id) values ($1::uuid) on conflict (tenant_id) do nothing`,
        tenantId,
      );
      const [cursor] = await tx.$queryRawUnsafe<{ after: string }[]>(
        `select after from roster_cursors where tenant_id = $1::uuid`,
        tenantId,
      );
      const changes = await this.rpc.call(RosterService.method.listRosterChanges, {
        after: cursor!.after,
        limit: PAGE,
      });
      await apply(tx, tenantId, changes);
      return changes;
    });
    return page.more;
  }
}

async function apply(tx: LearningTx, tenantId: string, changes: ListRosterChangesResponse): Promise<void> {
  const removedMembers = changes.removedMemberIds;
  if (removedMembers.length) {
    await tx.$executeRawUnsafe(
      `delete from roster_members where member_id = any($1::uuid[])`,
      removedMembers,
    );
  }
  if (changes.removedOrganisationIds.length) {
    await tx.$executeRawUnsafe(
      `delete from roster_organisations where organisation_id = any($1::uuid[])`,
      changes.removedOrganisationIds,
    );
  }
  if (changes.organisations.length) {
    await tx.$executeRawUnsafe(
      `insert into roster_organisations (organisation_id, tenant_id, path, name)
       select r.id, $1::uuid, r.path, r.name from jsonb_to_recordset($2::jsonb) as r(id uuid, path text, name text)
       on conflict (organisation_id) do update set path = excluded.path, name = excluded.name`,
      tenantId,
      JSON.stringify(
        changes.organisations.map((o) => ({ id: o.organisationId, path: o.path, name: o.name })),
      ),
    );
  }
  // A changed or removed member's committee terms are replaced with what the feed says now.
  const termsOf = [...removedMembers, ...changes.members.map((m) => m.memberId)];
  if (termsOf.length) {
    await tx.$executeRawUnsafe(
      `delete from roster_committee_terms where member_id = any($1::uuid[])`,
      termsOf,
    );
  }
  if (changes.members.length) {
    await tx.$executeRawUnsafe(
      `insert into roster_members (member_id, tenant_id, user_id, name, organisation_id, development_stage, status)
       select r.id, $1::uuid, nullif(r.user_id, '')::uuid, r.name, r.organisation_id, r.stage, r.status
         from jsonb_to_recordset($2::jsonb) as r(id uuid, user_id text, name text, organisation_id uuid, stage text, status text)
       on conflict (member_id) do update set user_id = excluded.user_id, name = excluded.name,
         organisation_id = excluded.organisation_id, development_stage = excluded.development_stage,
         status = excluded.status`,
      tenantId,
      JSON.stringify(
        changes.members.map((m) => ({
          id: m.memberId,
          user_id: m.userId,
          name: m.name,
          organisation_id: m.organisationId,
          stage: m.developmentStage,
          status: m.status,
        })),
      ),
    );
    const terms = changes.members.flatMap((m) =>
      m.committeeTerms.map((t) => ({ member_id: m.memberId, starts_on: t.startsOn, ends_on: t.endsOn })),
    );
    if (terms.length) {
      await tx.$executeRawUnsafe(
        `insert into roster_committee_terms (tenant_id, member_id, starts_on, ends_on)
         select $1::uuid, r.member_id, r.starts_on, r.ends_on
           from jsonb_to_recordset($2::jsonb) as r(member_id uuid, starts_on date, ends_on date)
         on conflict do nothing`,
        tenantId,
        JSON.stringify(terms),
      );
    }
  }
  await tx.$executeRawUnsafe(
    `update roster_cursors set after = $2, synced_at = now() where tenant_id = $1::uuid`,
    tenantId,
    changes.next,
  );
}
