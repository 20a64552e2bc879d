import { ageOn, checkStep, probationEndsOn, type StepFacts, type StepKind } from './development-rules.js';

const TODAY = '2026-11-22';
const full = (id: string) => ({ id, developmentStage: 'full', status: 'active' });
const settings = { minApplicantMonths: 6 };

/** Facts that satisfy every rule for the step; each case below changes one thing. */
function allowed(kind: StepKind): StepFacts {
  const base: StepFacts = {
    kind,
    today: TODAY,
    member: {
      id: 'm',
      developmentStage: 'applicant',
      status: 'active',
      stageSince: '2025-01-10',
      probationExtensionMonths: 0,
    },
    decidedOn: '2026-11-20',
    sponsors: [],
    introducers: [],
    trainingHours: 0,
    trainingDays: 0,
    leavingUnitSoon: false,
    lateApprovalReason: '',
    extensionMonths: 0,
  };
  const vote = { eligible: 10, present: 6, inFavour: 6 };
  switch (kind) {
    case 'application_talk':
      return base;
    case 'activist_review':
      return { ...base, member: { ...base.member, developmentStage: 'activist' } };
    case 'to_activist':
      return {
        ...base,
        sponsors: [full('s1')],
        publicity: { endsOn: '2026-11-19', objectionStatus: 'none' },
      };
    case 'to_candidate':
      return {
        ...base,
        member: { ...base.member, developmentStage: 'activist' },
        publicity: { endsOn: '2026-11-19', objectionStatus: 'none' },
      };
    case 'to_probationary':
      return {
        ...base,
        member: { ...base.member, developmentStage: 'candidate' },
        decidedOn: '2026-09-01',
        introducers: [full('i1'), full('i2')],
        trainingDays: 3,
        politicalReviewConcludedOn: '2026-08-01',
        preReviewedOn: '2026-08-15',
        vote,
        higherApprovedOn: '2026-11-01',
        publicity: { endsOn: '2026-08-28', objectionStatus: 'dismissed' },
      };
    case 'probation_extension':
      return {
        ...base,
        member: {
          ...base.member,
          developmentStage: 'probationary',
          joinedOn: '2025-09-01',
          stageSince: '2025-09-01',
        },
        decidedOn: '2026-09-05',
        extensionMonths: 6,
        vote,
        higherApprovedOn: '2026-10-01',
      };
    case 'oath':
      return {
        ...base,
        member: {
          ...base.member,
          developmentStage: 'probationary',
          joinedOn: '2025-09-01',
          stageSince: '2025-09-01',
        },
        decidedOn: '2025-09-01',
      };
    case 'confirmation':
      return {
        ...base,
        member: {
          ...base.member,
          developmentStage: 'probationary',
          joinedOn: '2025-09-01',
          stageSince: '2025-09-01',
          oathTakenOn: '2025-09-10',
        },
        decidedOn: '2026-09-01',
        appliedOn: '2026-08-20',
        vote,
        higherApprovedOn: '2026-10-01',
        publicity: { endsOn: '2026-08-31', objectionStatus: 'none' },
      };
  }
}

type Case = [string, StepKind, (f: StepFacts) => StepFacts, string[]];
const rulesBroken = (facts: StepFacts) => checkStep(facts, settings).map((b) => b.rule);

describe('membership development rules (rules.md §3)', () => {
  it.each([
    'application_talk',
    'activist_review',
    'to_activist',
    'to_candidate',
    'to_probationary',
    'oath',
    'probation_extension',
    'confirmation',
  ] as StepKind[])('the baseline facts for %s break no rule', (kind) =>
    expect(rulesBroken(allowed(kind))).toEqual([]),
  );

  const cases: Case[] = [
    // Order of stages and the member's status.
    [
      'skipping a stage',
      'to_candidate',
      (f) => ({ ...f, member: { ...f.member, developmentStage: 'applicant' } }),
      ['stage-order'],
    ],
    [
      'a member in transfer',
      'to_activist',
      (f) => ({ ...f, member: { ...f.member, status: 'in_transfer' } }),
      ['member-active'],
    ],
    [
      'a decision dated tomorrow',
      'application_talk',
      (f) => ({ ...f, decidedOn: '2026-11-23' }),
      ['decision-not-in-future'],
    ],
    ['a decision dated today', 'application_talk', (f) => ({ ...f, decidedOn: TODAY }), []],
    [
      'a decision before the stage began',
      'application_talk',
      (f) => ({ ...f, decidedOn: '2025-01-09' }),
      ['decision-after-stage-start'],
    ],
    // applicant → activist: minimum time as applicant (6 months, configurable), 1–2 full-member sponsors.
    [
      'activist exactly 6 months after applying',
      'to_activist',
      (f) => ({ ...f, member: { ...f.member, stageSince: '2026-05-20' } }),
      [],
    ],
    [
      'activist one day short of 6 months',
      'to_activist',
      (f) => ({ ...f, member: { ...f.member, stageSince: '2026-05-21' } }),
      ['applicant-minimum-time'],
    ],
    ['no sponsor', 'to_activist', (f) => ({ ...f, sponsors: [] }), ['sponsors-count']],
    ['two sponsors', 'to_activist', (f) => ({ ...f, sponsors: [full('s1'), full('s2')] }), []],
    [
      'three sponsors',
      'to_activist',
      (f) => ({ ...f, sponsors: [full('s1'), full('s2'), full('s3')] }),
      ['sponsors-count'],
    ],
    [
      'the same sponsor twice',
      'to_activist',
      (f) => ({ ...f, sponsors: [full('s1'), full('s1')] }),
      ['sponsors-count'],
    ],
    [
      'a probationary sponsor',
      'to_activist',
      (f) => ({ ...f, sponsors: [{ id: 's1', developmentStage: 'probationary', status: 'active' }] }),
      ['sponsors-full-members'],
    ],
    [
      'a suspended sponsor',
      'to_activist',
      (f) => ({ ...f, sponsors: [{ id: 's1', developmentStage: 'full', status: 'suspended' }] }),
      ['sponsors-full-members'],
    ],
    [
      'the member as own sponsor',
      'to_activist',
      (f) => ({ ...f, sponsors: [full('m')] }),
      ['sponsors-full-members'],
    ],
    // activist → candidate: at least one year as activist.
    [
      'candidate exactly one year after',
      'to_candidate',
      (f) => ({ ...f, member: { ...f.member, stageSince: '2025-11-20' } }),
      [],
    ],
    [
      'candidate one day short of a year',
      'to_candidate',
      (f) => ({ ...f, member: { ...f.member, stageSince: '2025-11-21' } }),
      ['activist-one-year'],
    ],
    // Publicity (公示): required, ended before the decision, no pending or sustained objection.
    ['no publicity', 'to_candidate', (f) => ({ ...f, publicity: undefined }), ['publicity-required']],
    [
      'deciding on the last publicity day',
      'to_candidate',
      (f) => ({ ...f, publicity: { endsOn: f.decidedOn, objectionStatus: 'none' } }),
      ['publicity-not-ended'],
    ],
    [
      'a pending objection',
      'to_candidate',
      (f) => ({ ...f, publicity: { endsOn: '2026-11-19', objectionStatus: 'pending' } }),
      ['publicity-objection'],
    ],
    [
      'a sustained objection',
      'confirmation',
      (f) => ({ ...f, publicity: { endsOn: '2026-08-31', objectionStatus: 'sustained' } }),
      ['publicity-objection'],
    ],
    // candidate → probationary.
    ['one introducer', 'to_probationary', (f) => ({ ...f, introducers: [full('i1')] }), ['introducers-two']],
    [
      'the same introducer twice',
      'to_probationary',
      (f) => ({ ...f, introducers: [full('i1'), full('i1')] }),
      ['introducers-two'],
    ],
    [
      'an introducer who is a candidate',
      'to_probationary',
      (f) => ({
        ...f,
        introducers: [full('i1'), { id: 'i2', developmentStage: 'candidate', status: 'active' }],
      }),
      ['introducers-full-members'],
    ],
    [
      'no political review',
      'to_probationary',
      (f) => ({ ...f, politicalReviewConcludedOn: undefined }),
      ['political-review-concluded'],
    ],
    [
      'political review concluded after the meeting',
      'to_probationary',
      (f) => ({ ...f, politicalReviewConcludedOn: '2026-09-02' }),
      ['political-review-concluded'],
    ],
    [
      'training of 2 days and 23 hours',
      'to_probationary',
      (f) => ({ ...f, trainingDays: 2, trainingHours: 23 }),
      ['training-hours'],
    ],
    [
      'training of 24 class hours',
      'to_probationary',
      (f) => ({ ...f, trainingDays: 0, trainingHours: 24 }),
      [],
    ],
    [
      'no higher pre-review',
      'to_probationary',
      (f) => ({ ...f, preReviewedOn: undefined }),
      ['higher-pre-review'],
    ],
    [
      'leaving the unit within 3 months',
      'to_probationary',
      (f) => ({ ...f, leavingUnitSoon: true }),
      ['leaving-unit'],
    ],
    ['no vote record', 'to_probationary', (f) => ({ ...f, vote: undefined }), ['vote-record']],
    [
      'exactly half present',
      'to_probationary',
      (f) => ({ ...f, vote: { eligible: 10, present: 5, inFavour: 5 } }),
      ['vote-quorum', 'vote-majority'],
    ],
    [
      'half in favour of 9 (4)',
      'to_probationary',
      (f) => ({ ...f, vote: { eligible: 9, present: 9, inFavour: 4 } }),
      ['vote-majority'],
    ],
    [
      '5 of 9 in favour',
      'to_probationary',
      (f) => ({ ...f, vote: { eligible: 9, present: 5, inFavour: 5 } }),
      [],
    ],
    [
      'approval exactly 3 months after',
      'to_probationary',
      (f) => ({ ...f, higherApprovedOn: '2026-11-01' }),
      [],
    ],
    [
      'approval 3 months and a day after, no reason',
      'to_probationary',
      (f) => ({
        ...f,
        decidedOn: '2026-08-01',
        politicalReviewConcludedOn: '2026-07-01',
        preReviewedOn: '2026-07-15',
        publicity: { endsOn: '2026-07-31', objectionStatus: 'none' },
        higherApprovedOn: '2026-11-02',
      }),
      ['higher-approval-deadline'],
    ],
    [
      'approval 3 months and a day after, with a reason',
      'to_probationary',
      (f) => ({
        ...f,
        decidedOn: '2026-08-01',
        politicalReviewConcludedOn: '2026-07-01',
        preReviewedOn: '2026-07-15',
        publicity: { endsOn: '2026-07-31', objectionStatus: 'none' },
        higherApprovedOn: '2026-11-02',
        lateApprovalReason: '上级党委换届',
      }),
      [],
    ],
    [
      'approval exactly 6 months after, with a reason',
      'to_probationary',
      (f) => ({
        ...f,
        decidedOn: '2026-05-20',
        politicalReviewConcludedOn: '2026-05-01',
        preReviewedOn: '2026-05-10',
        publicity: { endsOn: '2026-05-19', objectionStatus: 'none' },
        higherApprovedOn: '2026-11-20',
        lateApprovalReason: '上级党委换届',
      }),
      [],
    ],
    [
      'approval 6 months and a day after',
      'to_probationary',
      (f) => ({
        ...f,
        decidedOn: '2026-05-20',
        politicalReviewConcludedOn: '2026-05-01',
        preReviewedOn: '2026-05-10',
        publicity: { endsOn: '2026-05-19', objectionStatus: 'none' },
        higherApprovedOn: '2026-11-21',
        lateApprovalReason: '上级党委换届',
      }),
      ['higher-approval-deadline'],
    ],
    [
      'approval before the meeting',
      'to_probationary',
      (f) => ({ ...f, higherApprovedOn: '2026-08-31' }),
      ['higher-approval'],
    ],
    // Confirmation: one year of probation (plus an extension), written application.
    [
      'confirmation on the last day of probation',
      'confirmation',
      (f) => ({
        ...f,
        decidedOn: '2026-08-31',
        appliedOn: '2026-08-20',
        publicity: { endsOn: '2026-08-28', objectionStatus: 'none' },
      }),
      ['probation-one-year'],
    ],
    [
      'confirmation with no written application',
      'confirmation',
      (f) => ({ ...f, appliedOn: undefined }),
      ['confirmation-application'],
    ],
    [
      'confirmation before the extended probation ends',
      'confirmation',
      (f) => ({ ...f, member: { ...f.member, probationExtensionMonths: 6 } }),
      ['probation-one-year'],
    ],
    [
      'confirmation after the extended probation',
      'confirmation',
      (f) => ({
        ...f,
        member: {
          ...f.member,
          joinedOn: '2025-03-01',
          stageSince: '2025-03-01',
          probationExtensionMonths: 6,
        },
        decidedOn: '2026-11-20',
        appliedOn: '2026-11-01',
        higherApprovedOn: '2026-11-21',
        publicity: { endsOn: '2026-11-19', objectionStatus: 'none' },
      }),
      [],
    ],
    // The oath (入党宣誓): once, on or after the day of acceptance, and before confirmation.
    [
      'the oath the day before acceptance',
      'oath',
      (f) => ({ ...f, decidedOn: '2025-08-31' }),
      ['decision-after-stage-start'],
    ],
    ['the oath on the day of acceptance', 'oath', (f) => f, []],
    [
      'a second oath',
      'oath',
      (f) => ({ ...f, member: { ...f.member, oathTakenOn: '2025-09-01' } }),
      ['oath-once'],
    ],
    [
      'the oath by a candidate',
      'oath',
      (f) => ({ ...f, member: { ...f.member, developmentStage: 'candidate' } }),
      ['stage-order'],
    ],
    [
      'confirmation without the oath',
      'confirmation',
      (f) => ({ ...f, member: { ...f.member, oathTakenOn: undefined } }),
      ['confirmation-oath'],
    ],
    [
      'confirmation with no acceptance date',
      'confirmation',
      (f) => ({ ...f, member: { ...f.member, joinedOn: undefined } }),
      ['probation-start-known'],
    ],
    // Extension: 6–12 months, once.
    [
      'an extension of 5 months',
      'probation_extension',
      (f) => ({ ...f, extensionMonths: 5 }),
      ['extension-length'],
    ],
    ['an extension of 12 months', 'probation_extension', (f) => ({ ...f, extensionMonths: 12 }), []],
    [
      'an extension of 13 months',
      'probation_extension',
      (f) => ({ ...f, extensionMonths: 13 }),
      ['extension-length'],
    ],
    [
      'a second extension',
      'probation_extension',
      (f) => ({ ...f, member: { ...f.member, probationExtensionMonths: 6 } }),
      ['one-extension'],
    ],
  ];

  it.each(cases)('%s (%s)', (_name, kind, change, expected) => {
    expect(rulesBroken(change(allowed(kind)))).toEqual(expected);
  });

  it('honours a tenant that asks for 12 months as applicant', () => {
    const facts = {
      ...allowed('to_activist'),
      member: { ...allowed('to_activist').member, stageSince: '2026-05-20' },
    };
    expect(checkStep(facts, { minApplicantMonths: 12 }).map((b) => b.rule)).toEqual([
      'applicant-minimum-time',
    ]);
    expect(checkStep(facts, { minApplicantMonths: 6 })).toEqual([]);
  });

  it('names the field at fault and explains the rule', () => {
    const [problem] = checkStep(
      { ...allowed('to_probationary'), trainingHours: 10, trainingDays: 1 },
      settings,
    );
    expect(problem).toEqual({
      rule: 'training-hours',
      field: 'trainingHours',
      message: expect.stringContaining('24 class hours'),
      params: { days: 3, hours: 24 },
    });
  });

  it.each([
    ['2025-09-01', 0, '2026-09-01'],
    ['2024-02-29', 0, '2025-02-28'],
    ['2025-09-01', 6, '2027-03-01'],
  ])('probation from %s with %i months extension ends %s', (joined, extension, ends) => {
    expect(probationEndsOn(joined, extension)).toBe(ends);
  });

  it.each([
    ['2008-11-22', '2026-11-22', 18],
    ['2008-11-23', '2026-11-22', 17],
    ['2008-02-29', '2026-02-28', 17],
  ])('born %s, on %s is %i years old', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});
