import { listQuery } from '@dangjian/testing';
import { freshTenant, uniqueSlug } from './support.js';

/*
 * The compliance report of a big committee: 30 branches expect over 500 periods a year, more than one
 * page of rows, so a console that read one page of rows lost the branches after it (CI, 2026-11). The
 * groups resource answers one item per branch and kind of meeting, paged and filtered like any list.
 */
describe('meeting compliance, one group per branch and kind', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  const branches: { id: string; name: string }[] = [];
  beforeAll(async () => {
    tenant = await freshTenant('compliance');
    for (let index = 0; index < 30; index++) {
      const created = await tenant.api('POST', '/api/v1/organisations', {
        name: `第${String(index + 1).padStart(2, '0')}党支部`,
        code: uniqueSlug('BR'),
        kind: 'branch',
        parentId: tenant.root.id,
      });
      expect(created.status).toBe(201);
      branches.push(created.body as { id: string; name: string });
    }
  });

  const total = (response: { headers: Headers }) =>
    Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]);

  it('pages through every branch, each group carrying all its periods', async () => {
    const year = 2025; // a whole past year: every period is met or missed
    const rows = await tenant.api(
      'GET',
      `/api/v1/meeting-compliance?${listQuery(['period', 'ASC'], [0, 499], { year })}`,
    );
    expect(total(rows)).toBeGreaterThan(500); // one page of rows cannot hold them

    const first = await tenant.api(
      'GET',
      `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [0, 24], { year })}`,
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('content-range')).toMatch(/^meeting-compliance-groups 0-24\/\d+$/);
    const groups = total(first);
    const seen = new Set<string>();
    let periods = 0;
    for (let offset = 0; offset < groups; offset += 25) {
      const page = await tenant.api(
        'GET',
        `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [offset, offset + 24], { year })}`,
      );
      for (const group of page.body as {
        id: string;
        organisationId: string;
        missed: number;
        periods: { status: string }[];
      }[]) {
        expect(seen.has(group.id)).toBe(false);
        seen.add(group.id);
        seen.add(group.organisationId);
        periods += group.periods.length;
        expect(group.missed).toBe(group.periods.filter((period) => period.status === 'missed').length);
      }
    }
    expect(periods).toBe(total(rows));
    for (const branch of branches) expect(seen.has(branch.id)).toBe(true);
  });

  it('finds one branch by the organisation filter, and only groups with a period in the status asked', async () => {
    const last = branches[branches.length - 1]!;
    const one = await tenant.api(
      'GET',
      `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [0, 24], { withinId: last.id })}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.length).toBeGreaterThan(0);
    for (const group of one.body) expect(group.organisationName).toBe(last.name);

    const upcoming = await tenant.api(
      'GET',
      `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [0, 499], { year: 2025, status: 'upcoming' })}`,
    );
    expect(upcoming.status).toBe(200);
    expect(upcoming.body).toEqual([]); // 2025 is over: nothing is still to come

    const bad = await tenant.api(
      'GET',
      `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [0, 24], { status: 'late' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('filter.status');
  });
});
