import { DEVELOPMENT_STEP_KINDS, type ProblemParams, type RuleName } from '@dangjian/contracts';
import { addMonths } from '@dangjian/kit';

/**
 * The checks of 《中国共产党发展党员工作细则》 (rules.md §3) as pure functions of the facts a step
 * presents. Each broken rule has a stable name (what the API returns in `rule`), the request field
 * at fault and a sentence for the user.
 */

export const STEP_KINDS = DEVELOPMENT_STEP_KINDS;
export type StepKind = (typeof STEP_KINDS)[number];

/** The stage a step starts from and the stage it leads to (same stage: a recorded fact). */
export const STEP_STAGES: Record<StepKind, { from: string; to: string }> = {
  application_talk: { from: 'applicant', to: 'applicant' },
  activist_review: { from: 'activist', to: 'activist' },
  to_activist: { from: 'applicant', to: 'activist' },
  to_candidate: { from: 'activist', to: 'candidate' },
  to_probationary: { from: 'candidate', to: 'probationary' },
  oath: { from: 'probationary', to: 'probationary' },
  probation_extension: { from: 'probationary', to: 'probationary' },
  confirmation: { from: 'probationary', to: 'full' },
};

/** Steps preceded by a publicity period (公示), and the stage the publicity names. */
export const PUBLICITY_BEFORE: Partial<Record<StepKind, string>> = {
  to_activist: 'activist',
  to_candidate: 'candidate',
  to_probationary: 'probationary',
  confirmation: 'full',
};

/** National figures (not configurable). */
export const ACTIVIST_MINIMUM_MONTHS = 12;
export const PROBATION_MONTHS = 12;
export const APPROVAL_MONTHS = 3;
export const APPROVAL_MONTHS_AT_MOST = 6;
export const TRAINING_DAYS = 3;
export const TRAINING_HOURS = 24;
export const ADULT_AGE = 18;

export interface DevelopmentSettings {
  minApplicantMonths: number;
}

/** Another member named as sponsor or introducer, as the rules see them. */
export interface PersonFacts {
  id: string;
  developmentStage: string;
  status: string;
}

export interface PublicityFacts {
  /** The end date was counted over a year the working-day calendar did not know (issue 14). */
  calendarProvisional?: boolean;
  endsOn: string;
  objectionStatus: string;
}

export interface StepFacts {
  kind: StepKind;
  today: string;
  member: {
    id: string;
    developmentStage: string;
    status: string;
    stageSince: string;
    /** Date of acceptance as probationary member (start of probation). */
    joinedOn?: string;
    probationExtensionMonths: number;
    /** 入党宣誓: the day the member took the oath, if recorded. */
    oathTakenOn?: string;
  };
  decidedOn: string;
  sponsors: PersonFacts[];
  introducers: PersonFacts[];
  trainingHours: number;
  trainingDays: number;
  politicalReviewConcludedOn?: string;
  preReviewedOn?: string;
  leavingUnitSoon: boolean;
  vote?: { eligible: number; present: number; inFavour: number };
  higherApprovedOn?: string;
  lateApprovalReason: string;
  appliedOn?: string;
  extensionMonths: number;
  /** The latest publicity period for the stage this step names, if any. */
  publicity?: PublicityFacts;
  /** A person confirmed a provisional publicity end date against the published holidays. */
  calendarConfirmed?: boolean;
}

export interface BrokenRule {
  rule: RuleName;
  field: string;
  message: string;
  params?: ProblemParams;
}

/** The end of the probation: one year from acceptance, plus the extension if any. */
export function probationEndsOn(joinedOn: string, extensionMonths: number): string {
  return addMonths(joinedOn, PROBATION_MONTHS + extensionMonths);
}

/** Age in whole years on a date, from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

type Check = (facts: StepFacts, settings: DevelopmentSettings) => BrokenRule | BrokenRule[] | undefined;

const broken = (rule: RuleName, field: string, message: string, params?: ProblemParams): BrokenRule => ({
  rule,
  field,
  message,
  ...(params ? { params } : {}),
});

const fullMembers = (people: PersonFacts[], self: string) =>
  people.every((p) => p.developmentStage === 'full' && p.status === 'active' && p.id !== self);

const stageMatches: Check = (f) =>
  f.member.developmentStage === STEP_STAGES[f.kind].from
    ? undefined
    : broken(
        'stage-order',
        'kind',
        `${f.kind} is for a member at stage ${STEP_STAGES[f.kind].from}, not ${f.member.developmentStage}`,
      );

const memberActive: Check = (f) =>
  f.member.status === 'active'
    ? undefined
    : broken(
        'member-active',
        'memberId',
        `the member's status is ${f.member.status}: development steps need an active member`,
      );

const decisionDate: Check = (f) => {
  if (f.decidedOn > f.today)
    return broken('decision-not-in-future', 'decidedOn', 'the decision date cannot be in the future');
  if (f.decidedOn < f.member.stageSince) {
    return broken(
      'decision-after-stage-start',
      'decidedOn',
      `the decision date is before the member entered the stage (${f.member.stageSince})`,
      { stageSince: f.member.stageSince },
    );
  }
  return undefined;
};

const applicantMinimumTime: Check = (f, s) => {
  const earliest = addMonths(f.member.stageSince, s.minApplicantMonths);
  return f.decidedOn >= earliest
    ? undefined
    : broken(
        'applicant-minimum-time',
        'decidedOn',
        `an applicant can be named an activist after ${s.minApplicantMonths} months as applicant, on ${earliest} at the earliest`,
        { months: s.minApplicantMonths, earliest },
      );
};

const sponsors: Check = (f) => {
  const distinct = new Set(f.sponsors.map((p) => p.id)).size;
  if (f.sponsors.length < 1 || f.sponsors.length > 2 || distinct !== f.sponsors.length) {
    return broken('sponsors-count', 'sponsorIds', 'an activist has one or two sponsors (培养联系人)');
  }
  return fullMembers(f.sponsors, f.member.id)
    ? undefined
    : broken('sponsors-full-members', 'sponsorIds', 'sponsors must be active full members of the party');
};

const activistOneYear: Check = (f) => {
  const earliest = addMonths(f.member.stageSince, ACTIVIST_MINIMUM_MONTHS);
  return f.decidedOn >= earliest
    ? undefined
    : broken(
        'activist-one-year',
        'decidedOn',
        `a candidate must have been an activist for at least one year: on ${earliest} at the earliest`,
        { earliest },
      );
};

const introducers: Check = (f) => {
  const distinct = new Set(f.introducers.map((p) => p.id)).size;
  if (f.introducers.length !== 2 || distinct !== 2) {
    return broken('introducers-two', 'introducerIds', 'a candidate needs two introducers (入党介绍人)');
  }
  return fullMembers(f.introducers, f.member.id)
    ? undefined
    : broken(
        'introducers-full-members',
        'introducerIds',
        'introducers must be active full members of the party',
      );
};

const politicalReview: Check = (f) =>
  f.politicalReviewConcludedOn && f.politicalReviewConcludedOn <= f.decidedOn
    ? undefined
    : broken(
        'political-review-concluded',
        'politicalReviewConcludedOn',
        'no admission without a political review concluded in writing before the meeting',
      );

const training: Check = (f) =>
  f.trainingDays >= TRAINING_DAYS || f.trainingHours >= TRAINING_HOURS
    ? undefined
    : broken(
        'training-hours',
        'trainingHours',
        `centralised training of at least ${TRAINING_DAYS} days or ${TRAINING_HOURS} class hours is required`,
        { days: TRAINING_DAYS, hours: TRAINING_HOURS },
      );

const preReview: Check = (f) =>
  f.preReviewedOn && f.preReviewedOn <= f.decidedOn
    ? undefined
    : broken(
        'higher-pre-review',
        'preReviewedOn',
        'the higher committee must have pre-reviewed the candidate before the meeting',
      );

const notLeaving: Check = (f) =>
  f.leavingUnitSoon
    ? broken(
        'leaving-unit',
        'leavingUnitSoon',
        'a candidate who leaves the unit within 3 months is not admitted there',
      )
    : undefined;

/** Branch general meeting: more than half of voting members present and more than half in favour. */
const vote: Check = (f) => {
  if (!f.vote)
    return broken(
      'vote-record',
      'vote',
      "the branch general meeting's vote record (eligible, present, in favour) is required",
    );
  const problems: BrokenRule[] = [];
  if (f.vote.present * 2 <= f.vote.eligible) {
    problems.push(
      broken(
        'vote-quorum',
        'vote.present',
        `more than half of the ${f.vote.eligible} voting members must be present`,
        { eligible: f.vote.eligible },
      ),
    );
  }
  if (f.vote.inFavour * 2 <= f.vote.eligible) {
    problems.push(
      broken(
        'vote-majority',
        'vote.inFavour',
        `more than half of the ${f.vote.eligible} voting members must vote in favour`,
        { eligible: f.vote.eligible },
      ),
    );
  }
  return problems;
};

/** Higher committee approval within 3 months of the meeting; up to 6 with a stated reason. */
const higherApproval: Check = (f) => {
  if (!f.higherApprovedOn)
    return broken('higher-approval', 'higherApprovedOn', "the higher committee's approval date is required");
  if (f.higherApprovedOn < f.decidedOn || f.higherApprovedOn > f.today) {
    return broken(
      'higher-approval',
      'higherApprovedOn',
      'the approval date falls between the meeting and today',
    );
  }
  if (f.higherApprovedOn > addMonths(f.decidedOn, APPROVAL_MONTHS_AT_MOST)) {
    return broken(
      'higher-approval-deadline',
      'higherApprovedOn',
      `the higher committee approves within ${APPROVAL_MONTHS_AT_MOST} months of the meeting at most`,
      { months: APPROVAL_MONTHS },
    );
  }
  if (f.higherApprovedOn > addMonths(f.decidedOn, APPROVAL_MONTHS) && !f.lateApprovalReason.trim()) {
    return broken(
      'higher-approval-deadline',
      'lateApprovalReason',
      `an approval later than ${APPROVAL_MONTHS} months after the meeting needs the reason recorded`,
      { months: APPROVAL_MONTHS },
    );
  }
  return undefined;
};

const publicityEnded: Check = (f) => {
  const stage = PUBLICITY_BEFORE[f.kind];
  if (!stage) return undefined;
  if (!f.publicity)
    return broken(
      'publicity-required',
      'memberId',
      `a publicity period (公示) for ${stage} must run before this step`,
    );
  if (f.decidedOn <= f.publicity.endsOn) {
    return broken(
      'publicity-not-ended',
      'decidedOn',
      `the publicity period ends on ${f.publicity.endsOn}: decide after it`,
      { endsOn: f.publicity.endsOn },
    );
  }
  if (f.publicity.calendarProvisional && !f.calendarConfirmed) {
    return broken(
      'publicity-calendar-unconfirmed',
      'calendarConfirmed',
      `the publicity period's end (${f.publicity.endsOn}) was counted without that year's holidays: confirm it first`,
      { endsOn: f.publicity.endsOn },
    );
  }
  if (f.publicity.objectionStatus === 'pending' || f.publicity.objectionStatus === 'sustained') {
    return broken(
      'publicity-objection',
      'memberId',
      `an objection raised during the publicity period is ${f.publicity.objectionStatus}`,
    );
  }
  return undefined;
};

const probationOver: Check = (f) => {
  if (!f.member.joinedOn)
    return broken(
      'probation-start-known',
      'memberId',
      'the date the member was accepted as probationary is not recorded',
    );
  const ends = probationEndsOn(f.member.joinedOn, f.member.probationExtensionMonths);
  return f.decidedOn >= ends
    ? undefined
    : broken(
        'probation-one-year',
        'decidedOn',
        `the probation runs until ${ends}: confirmation is discussed when it is over`,
        { endsOn: ends },
      );
};

const confirmationApplication: Check = (f) =>
  f.appliedOn && f.appliedOn <= f.decidedOn
    ? undefined
    : broken(
        'confirmation-application',
        'appliedOn',
        "confirmation needs the member's written application, dated before the meeting",
      );

/** The oath (入党宣誓) is taken once, as a probationary member (its date follows acceptance: decisionDate). */
const oathOnce: Check = (f) =>
  f.member.oathTakenOn
    ? broken('oath-once', 'kind', `the member took the oath on ${f.member.oathTakenOn}`, {
        takenOn: f.member.oathTakenOn,
      })
    : undefined;

/** Confirmation needs the oath (rules.md §3: probationary … oath). */
const oathTaken: Check = (f) =>
  f.member.oathTakenOn
    ? undefined
    : broken('confirmation-oath', 'kind', 'a probationary member takes the oath before confirmation');

const oneExtension: Check = (f) => {
  if (f.member.probationExtensionMonths > 0) {
    return broken(
      'one-extension',
      'kind',
      'the probation has already been extended once; it can be extended only once',
    );
  }
  return f.extensionMonths >= 6 && f.extensionMonths <= 12
    ? undefined
    : broken('extension-length', 'extensionMonths', 'an extension lasts 6 to 12 months');
};

const CHECKS: Record<StepKind, Check[]> = {
  application_talk: [stageMatches, memberActive, decisionDate],
  activist_review: [stageMatches, memberActive, decisionDate],
  to_activist: [stageMatches, memberActive, decisionDate, applicantMinimumTime, sponsors, publicityEnded],
  to_candidate: [stageMatches, memberActive, decisionDate, activistOneYear, publicityEnded],
  to_probationary: [
    stageMatches,
    memberActive,
    decisionDate,
    introducers,
    politicalReview,
    training,
    preReview,
    notLeaving,
    vote,
    higherApproval,
    publicityEnded,
  ],
  oath: [stageMatches, memberActive, decisionDate, oathOnce],
  probation_extension: [stageMatches, memberActive, decisionDate, oneExtension, vote, higherApproval],
  confirmation: [
    stageMatches,
    memberActive,
    decisionDate,
    probationOver,
    oathTaken,
    confirmationApplication,
    vote,
    higherApproval,
    publicityEnded,
  ],
};

/** Every rule the step breaks (empty: allowed). */
export function checkStep(facts: StepFacts, settings: DevelopmentSettings): BrokenRule[] {
  const problems: BrokenRule[] = [];
  for (const check of CHECKS[facts.kind]) {
    const result = check(facts, settings);
    if (result) problems.push(...(Array.isArray(result) ? result : [result]));
  }
  return problems;
}
