import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 14, part 6: data captured once. The branch general meeting's vote on a member's probation
 * extension (or admission, or confirmation) is recorded with the meeting as held — its voters and
 * those present come from the meeting — and the development step takes its figures from there
 * instead of having them typed a second time.
 */
let serial = 0;
const region = String(470000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19880505${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('a general meeting’s vote, recorded once', () => {
  it('is taken at a held general meeting, and the development step reads it from there', async () => {
    const { api, root } = await freshTenant('votes');
    const today = chinaToday();
    const organisation = async (name: string) =>
      (
        await api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('VOTE'),
          kind: 'branch',
          parentId: root.id,
        })
      ).body as { id: string };
    const [branch, elsewhere] = [await organisation('表决支部'), await organisation('别的支部')];
    const member = async (organisationId: string, name: string, stage: string, joinedOn: string) =>
      (
        await api('POST', '/api/v1/members', {
          organisationId,
          name,
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: stage,
          joinedOn,
          ...(stage === 'full' ? { confirmedOn: addMonths(joinedOn, 12) } : {}),
        })
      ).body as { id: string };
    const voters = [
      await member(branch.id, '党员甲', 'full', '2010-07-01'),
      await member(branch.id, '党员乙', 'full', '2011-07-01'),
      await member(branch.id, '党员丙', 'full', '2012-07-01'),
    ];
    const probationary = await member(branch.id, '预备党员丁', 'probationary', addMonths(today, -11));
    const stranger = await member(elsewhere.id, '外支部党员', 'full', '2013-07-01');

    const meeting = async (kind: string) =>
      (
        await api('POST', '/api/v1/meetings', {
          organisationId: branch.id,
          kind,
          title: '支部党员大会：讨论延长预备期',
          scheduledAt: `${today}T14:30:00+08:00`,
        })
      ).body as { id: string };
    const general = await meeting('branch_general_meeting');
    const vote = (body: object) =>
      api('POST', '/api/v1/meeting-votes', {
        meetingId: general.id,
        memberId: probationary.id,
        subject: 'probation_extension',
        inFavour: 2,
        against: 0,
        abstained: 0,
        ...body,
      });
    // Not before the meeting is held, and only at a general meeting.
    expect((await vote({})).body).toMatchObject({ status: 422, rule: 'vote-general-meeting' });
    for (const voter of voters.slice(0, 2))
      await api('POST', '/api/v1/attendance', {
        meetingId: general.id,
        memberId: voter.id,
        status: 'present',
      });
    const held = await api('POST', `/api/v1/meetings/${general.id}/actions`, {
      action: 'hold',
      heldOn: today,
    });
    expect(held.body.quorum).toEqual({ voters: 3, present: 2, met: true });
    const themeDay = await meeting('theme_day');
    await api('POST', `/api/v1/meetings/${themeDay.id}/actions`, { action: 'hold', heldOn: today });
    expect((await vote({ meetingId: themeDay.id })).body.rule).toBe('vote-general-meeting');

    // The counts cannot exceed those present; the member is the branch's; the input is validated.
    const tooMany = await vote({ inFavour: 2, against: 1 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'inFavour', code: 'votes_exceed_present' });
    expect((await vote({ memberId: stranger.id })).body.errors[0].field).toBe('memberId');
    expect((await vote({ subject: 'to_activist' })).body.errors[0].field).toBe('subject');

    const recorded = await vote({});
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      memberName: '预备党员丁',
      eligible: 3,
      present: 2,
      inFavour: 2,
      heldOn: today,
    });
    expect((await vote({})).status).toBe(409); // one vote per member and step at a meeting
    const onConfirmation = (await vote({ subject: 'confirmation', inFavour: 1 })).body as { id: string };

    const step = (body: object) =>
      api('POST', '/api/v1/development', {
        memberId: probationary.id,
        kind: 'probation_extension',
        extensionMonths: 6,
        decidedOn: today,
        higherApprovedOn: today,
        meetingVoteId: recorded.body.id,
        ...body,
      });
    const both = await step({ vote: { eligible: 3, present: 2, inFavour: 2 } });
    expect(both.body.errors[0]).toMatchObject({ field: 'vote', code: 'vote_from_meeting' });
    const otherDay = await step({ decidedOn: addMonths(today, -1), higherApprovedOn: today });
    expect(otherDay.body.errors[0]).toMatchObject({ field: 'decidedOn', code: 'vote_held_on' });
    expect((await step({ meetingVoteId: onConfirmation.id })).body.errors[0].code).toBe('vote_on_other_step');
    const extended = await step({});
    expect(extended.status).toBe(201);
    expect(extended.body).toMatchObject({
      meetingVoteId: recorded.body.id,
      vote: { eligible: 3, present: 2, inFavour: 2 },
    });

    // The member's votes are listed for the step dialog; another tenant sees none of this meeting's.
    const listed = await api(
      'GET',
      `/api/v1/meeting-votes?${listQuery(['createdAt', 'DESC'], [0, 9], { memberId: probationary.id })}`,
    );
    expect((listed.body as { subject: string }[]).map((v) => v.subject).sort()).toEqual([
      'confirmation',
      'probation_extension',
    ]);
    const acme = await gateway(
      'GET',
      `/api/v1/meeting-votes?${listQuery(['createdAt', 'DESC'], [0, 9], { meetingId: general.id })}`,
      { token: await tokenFor('acme-admin'), tenant: 'acme-corp' },
    );
    expect(acme.status).toBe(404);
  });
});
