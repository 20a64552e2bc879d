import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

let serial = 700;
const idCard = () => {
  const first17 = `44030519870203${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('dissolving and merging organisations (撤销 / 合并)', () => {
  it('moves members and child organisations to the successor, keeps the dissolved one for history, and never orphans anyone', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: object) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const org = async (name: string, kind: string, parentId: string) =>
      (await api('POST', '/api/v1/organisations', { name, code: uniqueSlug('DIS'), kind, parentId })).body;
    const general = await org('合并测试党总支', 'general_branch', root.id);
    const merging = await org('被合并党支部', 'branch', general.id);
    const group = await org('被合并党支部第一小组', 'group', merging.id);
    const successor = await org('合并后党支部', 'branch', general.id);
    const members = [];
    for (const name of ['甲', '乙']) {
      members.push(
        (
          await api('POST', '/api/v1/members', {
            organisationId: merging.id,
            name,
            idCardNumber: idCard(),
            occupation: 'salaried',
            developmentStage: 'full',
          })
        ).body,
      );
    }

    // Without a successor a non-empty organisation is refused, naming the rule and the field.
    const refused = await api('POST', `/api/v1/organisations/${merging.id}/dissolve`, { reason: '机构调整' });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('organisation-not-empty');
    expect(refused.body.errors[0].field).toBe('successorId');
    // Nor into its own subtree.
    expect(
      (
        await api('POST', `/api/v1/organisations/${merging.id}/dissolve`, {
          reason: '机构调整',
          successorId: group.id,
        })
      ).body.rule,
    ).toBe('organisation-no-cycle');

    const merged = await api('POST', `/api/v1/organisations/${merging.id}/dissolve`, {
      reason: '两个支部合并',
      successorId: successor.id,
      dissolvedOn: '2026-11-20',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      membersMoved: 2,
      childrenMoved: 1,
      organisation: { status: 'dissolved', dissolvedOn: '2026-11-20', successorId: successor.id },
    });

    for (const member of members) {
      expect((await api('GET', `/api/v1/members/${member.id}`)).body.organisationId).toBe(successor.id);
      const history = (await api('GET', `/api/v1/members/${member.id}/history`)).body;
      expect(history.at(-1)).toMatchObject({
        reason: expect.stringContaining('两个支部合并'),
        fields: ['organisationId'],
      });
    }
    const movedGroup = (await api('GET', `/api/v1/organisations/${group.id}`)).body;
    expect(movedGroup.parentId).toBe(successor.id);
    expect(movedGroup.ancestorIds).toEqual([...successor.ancestorIds, successor.id]);

    const children = (
      await api(
        'GET',
        `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { parentId: general.id })}`,
      )
    ).body.map((o: { id: string }) => o.id);
    expect(children).toEqual([successor.id]);
    const withDissolved = (
      await api(
        'GET',
        `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { parentId: general.id, includeDissolved: true })}`,
      )
    ).body;
    expect(withDissolved.map((o: { id: string }) => o.id).sort()).toEqual([merging.id, successor.id].sort());
    expect((await api('GET', `/api/v1/organisations/${general.id}`)).body.childCount).toBe(1);

    // A dissolved organisation takes no new members or organisations, and is not dissolved twice.
    expect(
      (
        await api('POST', '/api/v1/members', {
          organisationId: merging.id,
          name: '丙',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
        })
      ).body.rule,
    ).toBe('organisation-dissolved');
    expect(
      (await api('POST', `/api/v1/organisations/${merging.id}/dissolve`, { reason: '再次撤销' })).body.rule,
    ).toBe('organisation-dissolved');

    // An empty organisation is dissolved without a successor.
    const empty = await org('空党支部', 'branch', general.id);
    const dissolved = await api('POST', `/api/v1/organisations/${empty.id}/dissolve`, {
      reason: '无党员，撤销',
    });
    expect(dissolved.body).toMatchObject({
      membersMoved: 0,
      childrenMoved: 0,
      organisation: { status: 'dissolved', successorId: null },
    });
    const bad = await api('POST', `/api/v1/organisations/${empty.id}/dissolve`, {
      reason: 'x',
      dissolvedOn: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['reason', 'dissolvedOn']),
    );
  });
});
