import type {
  APPRAISAL_GRADES,
  COMPLIANCE_STATUSES,
  MEETING_ACTIONS,
  MEETING_KINDS,
  MEETING_STATES,
  ProblemParams,
  RuleName,
} from '@dangjian/contracts';

export type MeetingKind = (typeof MEETING_KINDS)[number];
export type MeetingState = (typeof MEETING_STATES)[number];
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export type AppraisalGradeName = (typeof APPRAISAL_GRADES)[number];
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export type Refusal = { ok: false; rule: RuleName; message: string; params?: ProblemParams };

/** The state a move leads to; notify repeats (a reminder) without changing the state. */
export function moveMeeting(
  state: MeetingState,
  action: MeetingAction,
): { ok: true; next: MeetingState } | Refusal {
  if (state !== 'scheduled') {
    const rule = (
      {
        notify: 'meeting-notify-not-allowed',
        hold: 'meeting-hold-not-allowed',
        cancel: 'meeting-cancel-not-allowed',
      } as const
    )[action];
    return { ok: false, rule, message: `a ${state} meeting cannot be changed by "${action}"` };
  }
  return { ok: true, next: action === 'hold' ? 'held' : action === 'cancel' ? 'cancelled' : 'scheduled' };
}

/**
 * The kinds whose decisions need a quorum (rules.md §4): the branch general meeting (more than half
 * of the voting members, i.e. full members) and the branch committee (more than half of its members).
 */
/**
 * Online sign-in is open from half an hour before the scheduled start to four hours after it (local
 * practice: rules.md §4 lets mobile members take part but names no window).
 */
export const ONLINE_OPENS_MINUTES_BEFORE = 30;
export const ONLINE_CLOSES_HOURS_AFTER = 4;

export function withinOnlineWindow(scheduledAt: Date, now: Date): boolean {
  const opens = scheduledAt.getTime() - ONLINE_OPENS_MINUTES_BEFORE * 60_000;
  const closes = scheduledAt.getTime() + ONLINE_CLOSES_HOURS_AFTER * 3_600_000;
  return now.getTime() >= opens && now.getTime() <= closes;
}

export const QUORUM_KINDS: readonly MeetingKind[] = ['branch_general_meeting', 'branch_committee_meeting'];

/** More than half present: exactly half is not enough, and nobody to count is no quorum. */
export function quorumMet(voters: number, present: number): boolean {
  return voters > 0 && present * 2 > voters;
}

/**
 * 优秀 at most one third of those graded (rules.md §4). `grades` are all of the appraisal's grades
 * after the change.
 */
export function appraisalCapRule(grades: readonly AppraisalGradeName[]): Refusal | undefined {
  const excellent = grades.filter((grade) => grade === 'excellent').length;
  if (excellent * 3 <= grades.length) return undefined;
  return {
    ok: false,
    rule: 'appraisal-excellent-cap',
    message: `优秀 is at most one third of those graded: ${excellent} of ${grades.length} (at most ${Math.floor(grades.length / 3)})`,
    params: { max: Math.floor(grades.length / 3), graded: grades.length },
  };
}

/** How often each kind is due, in months (rules.md §4); party lectures follow the tenant's setting. */
/**
 * What compliance checks: the meeting kinds, and the secretary's own party lecture (rules.md §4:
 * "secretaries at least once a year"), counted from the branch's lectures given by its secretary.
 */
export type ComplianceKind = MeetingKind | 'secretary_lecture';

export function frequencyMonths(kind: ComplianceKind, partyLectureMonths: number): number {
  switch (kind) {
    case 'branch_general_meeting':
      return 3;
    case 'branch_committee_meeting':
    case 'group_meeting':
    case 'theme_day':
      return 1;
    case 'party_lecture':
      return partyLectureMonths;
    case 'organisational_life_meeting':
    case 'member_appraisal':
    case 'secretary_lecture':
      return 12;
  }
}

/** A branch has a committee from 7 full members (rules.md §4, branch formation). */
export const COMMITTEE_FROM_FULL_MEMBERS = 7;

/**
 * The kinds an organisation is expected to hold: a party group its group meetings; a branch the
 * rest, with committee meetings only once it is large enough to have a committee. Committees and
 * general branches are not checked (the rules set frequencies for branches).
 */
export function expectedKinds(organisationKind: string, fullMembers: number): ComplianceKind[] {
  if (organisationKind === 'group') return ['group_meeting'];
  if (organisationKind !== 'branch') return [];
  return [
    'branch_general_meeting',
    ...(fullMembers >= COMMITTEE_FROM_FULL_MEMBERS ? (['branch_committee_meeting'] as const) : []),
    'party_lecture',
    'secretary_lecture',
    'theme_day',
    'organisational_life_meeting',
    'member_appraisal',
  ];
}

export interface CompliancePeriod {
  /** 2026-11, 2026-Q3, 2026-T2 (four-month thirds), 2026-B3 (two-month terms), 2026-H1 or 2026. */
  label: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The year cut into periods of `months` (a divisor of 12). */
export function periodsOfYear(year: number, months: number): CompliancePeriod[] {
  if (![1, 2, 3, 4, 6, 12].includes(months)) throw new Error(`${months} months do not tile a year`);
  const periods: CompliancePeriod[] = [];
  for (let index = 0; index < 12 / months; index++) {
    const firstMonth = index * months + 1;
    const endMonth = firstMonth + months - 1;
    const label =
      months === 1
        ? `${year}-${pad(firstMonth)}`
        : months === 3
          ? `${year}-Q${index + 1}`
          : months === 6
            ? `${year}-H${index + 1}`
            : months === 12
              ? `${year}`
              : months === 4
                ? `${year}-T${index + 1}`
                : `${year}-B${index + 1}`;
    periods.push({
      label,
      start: `${year}-${pad(firstMonth)}-01`,
      end: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`,
    });
  }
  return periods;
}

/** A period with a valid meeting is met; one that has ended without is missed; the running one is due. */
export function complianceStatus(period: CompliancePeriod, today: string, held: number): ComplianceStatus {
  if (held > 0) return 'met';
  if (period.end < today) return 'missed';
  if (period.start <= today) return 'due';
  return 'upcoming';
}
