import { create } from '@bufbuild/protobuf';
import { PrincipalSchema, TenantContextSchema, type ListRosterChangesResponse } from '@dangjian/contracts';
import { runInContext } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { OrganisationDatabase } from '../src/db/organisation-database.js';
import { RosterUseCases } from '../src/roster/roster.use-cases.js';

/*
 * Decision 0030: the roster's change feed hands out every change, and its cursor never passes a
 * change whose transaction was still running — one that commits late is delivered, not skipped.
 */
const urls = testPlatform().databases['organisation']!;
const tenant = randomUUID();
const organisation = randomUUID();
// A second tree: the tallies' row locks would make a member here wait for the slow one there.
const elsewhere = randomUUID();

describe('the roster change feed', () => {
  const db = new OrganisationDatabase(urls.app);
  const roster = new RosterUseCases(db);
  const admin = new pg.Client({ connectionString: urls.admin });
  const changes = (after: string): Promise<ListRosterChangesResponse> =>
    runInContext(
      {
        requestId: randomUUID(),
        tenant: create(TenantContextSchema, { tenantId: tenant, slug: 'feed' }),
        principal: create(PrincipalSchema, { userId: randomUUID(), roles: ['tenant-admin'] }),
      },
      () => roster.changes({ after, limit: 100 } as never),
    );
  const insertMember = (client: pg.Client, name: string, organisationId = organisation) => {
    const id = randomUUID();
    return client
      .query(
        `insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index,
                              id_card_masked, occupation, development_stage, joined_on, confirmed_on)
         values ($1, $2, $3, $4, 'female', '1990-01-01', 'v1:x', $5, '110***', 'salaried', 'full', '2015-07-01', '2016-07-01')`,
        [id, tenant, organisationId, name, `idx-${id}`],
      )
      .then(() => id);
  };
  const ids = (page: ListRosterChangesResponse) => page.members.map((m) => m.memberId);

  beforeAll(async () => {
    await admin.connect();
    for (const id of [organisation, elsewhere]) {
      await admin.query(
        "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'branch', '名册支部', $4)",
        [id, tenant, `/${id}/`, `FEED-${id.slice(0, 8)}`],
      );
    }
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
  });

  it('delivers a change that commits late, and moves past it only once it has', async () => {
    const first = await changes('');
    expect(new Set(first.organisations.map((o) => o.organisationId))).toEqual(
      new Set([organisation, elsewhere]),
    );
    expect(first.next).not.toBe('');

    // A transaction that began first and commits last.
    const slow = new pg.Client({ connectionString: urls.admin });
    await slow.connect();
    try {
      await slow.query('begin');
      const late = await insertMember(slow, '后提交党员');
      const early = await insertMember(admin, '先提交党员', elsewhere);
      const seen = await changes(first.next);
      // The committed one at once (a caller sees its own write); the cursor waits for the other.
      expect(ids(seen)).toEqual([early]);
      expect(seen.next).toBe(first.next);
      await slow.query('commit');
      // Once nothing older runs (other tests' transactions are short), both are behind the cursor.
      let after = seen.next;
      const delivered = new Set<string>();
      for (let i = 0; i < 50; i++) {
        const page = await changes(after);
        ids(page).forEach((id) => delivered.add(id));
        after = page.next;
        if (delivered.has(late) && (await changes(after)).members.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(delivered).toEqual(new Set([late, early]));
      expect((await changes(after)).members).toEqual([]);

      // A phone number is not the roster's business; a name and a committee seat are.
      await admin.query(`update members set phone_masked = '139****0000' where id = $1`, [early]);
      expect((await changes(after)).members).toEqual([]);
      await admin.query(
        `insert into positions (id, tenant_id, organisation_id, kind, holder_name, holder_member_id, term_start, term_end, created_by)
         values ($1, $2, $3, 'secretary', '先提交党员', $4, '2025-01-01', '2029-12-31', 'test')`,
        [randomUUID(), tenant, elsewhere, early],
      );
      const seat = await changes(after);
      expect(seat.members).toEqual([
        expect.objectContaining({
          memberId: early,
          committeeTerms: [expect.objectContaining({ startsOn: '2025-01-01', endsOn: '2029-12-31' })],
        }),
      ]);
      await admin.query(`delete from positions where holder_member_id = $1`, [early]);
      await admin.query(`delete from members where id = $1`, [late]);
      const gone = await changes(seat.next);
      expect(gone.removedMemberIds).toEqual([late]);
      expect(gone.members).toEqual([expect.objectContaining({ memberId: early, committeeTerms: [] })]);
    } finally {
      await slow.end();
    }
  });

  it('refuses a cursor it did not give', async () => {
    await expect(changes('12;x')).rejects.toMatchObject({ violations: [{ field: 'after' }] });
  });
});
