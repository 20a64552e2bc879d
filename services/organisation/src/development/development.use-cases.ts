import { memberChange } from '../members/member-changes.js';
import { create } from '@bufbuild/protobuf';
import {
  BrokenRuleSchema,
  DevelopmentOverdueStepSchema,
  DevelopmentStepRecordedSchema,
  DevelopmentStepSchema,
  DevelopmentVoteSchema,
  eventSubject,
  MemberStageChangedSchema,
  type BrokenRule,
  type DevelopmentOverdueStep,
  type DevelopmentStep,
  type ListDevelopmentStepsRequest,
  type RecordDevelopmentStepRequest,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  isCalendarDate,
  isUuid,
  pageWindow,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
  writeOutboxEvent,
  paramsAsText,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { DevelopmentStep as StepRow, Member as MemberRow } from '../generated/prisma/client.js';
import { readableMember } from '../members/readable-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';
import type { TrainingEvidenceReader } from './training-evidence.js';
import {
  checkStep,
  probationEndsOn,
  PUBLICITY_BEFORE,
  STEP_KINDS,
  STEP_STAGES,
  type PersonFacts,
  type StepFacts,
  type StepKind,
} from './development-rules.js';

const optionalDate = (value: Date | null) => (value ? dateOnly(value) : undefined);
const dateOrNull = (value: string | undefined) => (value ? dateColumn(value) : null);

export function toStepMessage(row: StepRow): DevelopmentStep {
  return create(DevelopmentStepSchema, {
    id: row.id,
    memberId: row.memberId,
    kind: row.kind,
    fromStage: row.fromStage,
    toStage: row.toStage,
    decidedOn: dateOnly(row.decidedOn),
    effectiveOn: optionalDate(row.effectiveOn),
    sponsorIds: row.sponsorIds,
    introducerIds: row.introducerIds,
    trainingHours: row.trainingHours,
    trainingDays: row.trainingDays,
    trainingExamId: row.trainingExamId ?? undefined,
    politicalReviewConcludedOn: optionalDate(row.politicalReviewConcludedOn),
    preReviewedOn: optionalDate(row.preReviewedOn),
    ...(row.voteEligible !== null
      ? {
          vote: create(DevelopmentVoteSchema, {
            eligible: row.voteEligible,
            present: row.votePresent ?? 0,
            inFavour: row.voteInFavour ?? 0,
          }),
        }
      : {}),
    higherApprovedOn: optionalDate(row.higherApprovedOn),
    lateApprovalReason: row.lateApprovalReason,
    appliedOn: optionalDate(row.appliedOn),
    extensionMonths: row.extensionMonths,
    publicityPeriodId: row.publicityPeriodId ?? undefined,
    meetingVoteId: row.meetingVoteId ?? undefined,
    note: row.note,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  });
}

/** 发展党员: the pipeline from applicant to full member, every step checked against rules.md §3. */
export class DevelopmentUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    /** Where training exams are read (the learning service); absent, a step cannot name one. */
    private readonly training?: TrainingEvidenceReader,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Checks a step and, unless `dryRun`, records it: the member's stage and dates change, the step
   * is kept with its facts, and an event goes out through the outbox, all in one transaction.
   */
  async record(
    request: RecordDevelopmentStepRequest,
  ): Promise<{ step?: DevelopmentStep; brokenRules: BrokenRule[] }> {
    this.validate(request);
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    const kind = request.kind as StepKind;
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await readableMember(tx, this.access, request.memberId);
      const training = await this.trainingFromExam(member, request);
      const { facts, publicityPeriodId } = await this.facts(tx, member, { ...request, ...training });
      const broken = checkStep(facts, await readSettings(tx, tenantId));
      const brokenRules = broken.map((b) =>
        create(BrokenRuleSchema, {
          rule: b.rule,
          field: b.field,
          message: b.message,
          params: paramsAsText(b.params),
        }),
      );
      if (request.dryRun) return { brokenRules };
      if (broken.length > 0) {
        throw new RuleViolatedError(
          broken[0]!.rule,
          broken.map((b) => b.message).join('; '),
          broken.map((b) => ruleProblem(b.field, b.rule, b.params, `${b.rule}: ${b.message}`)),
          broken[0]!.params,
        );
      }
      const { from, to } = STEP_STAGES[kind];
      const effectiveOn =
        kind === 'confirmation'
          ? probationEndsOn(facts.member.joinedOn!, member.probationExtensionMonths)
          : request.decidedOn;
      const row = await tx.developmentStep.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: member.id,
          kind,
          fromStage: from,
          toStage: to,
          decidedOn: dateColumn(request.decidedOn),
          effectiveOn: dateColumn(effectiveOn),
          sponsorIds: request.sponsorIds,
          introducerIds: request.introducerIds,
          trainingHours: facts.trainingHours,
          trainingDays: facts.trainingDays,
          trainingExamId: request.trainingExamId ?? null,
          politicalReviewConcludedOn: dateOrNull(request.politicalReviewConcludedOn),
          preReviewedOn: dateOrNull(request.preReviewedOn),
          voteEligible: facts.vote?.eligible ?? null,
          votePresent: facts.vote?.present ?? null,
          voteInFavour: facts.vote?.inFavour ?? null,
          meetingVoteId: request.meetingVoteId ?? null,
          higherApprovedOn: dateOrNull(request.higherApprovedOn),
          lateApprovalReason: request.lateApprovalReason.trim(),
          appliedOn: dateOrNull(request.appliedOn),
          extensionMonths: request.extensionMonths,
          publicityPeriodId,
          note: request.note.trim(),
          recordedBy: principal.userId,
        },
      });
      await this.applyToMember(tx, member, kind, effectiveOn, request, principal.userId);
      const step = toStepMessage(row);
      if (from !== to) {
        await writeOutboxEvent(tx, {
          subject: eventSubject('organisation', 'member', 'stage_changed'),
          schema: MemberStageChangedSchema,
          message: create(MemberStageChangedSchema, { step, organisationId: member.organisationId }),
          tenantId,
        });
      } else {
        await writeOutboxEvent(tx, {
          subject: eventSubject('organisation', 'development', 'step_recorded'),
          schema: DevelopmentStepRecordedSchema,
          message: create(DevelopmentStepRecordedSchema, { step, organisationId: member.organisationId }),
          tenantId,
        });
      }
      return { step, brokenRules: [] };
    });
  }

  async list(request: ListDevelopmentStepsRequest): Promise<{ steps: DevelopmentStep[]; total: number }> {
    // One member's timeline: never the whole tenant's steps.
    const memberId = request.memberId ?? '';
    new Validator().check(isUuid(memberId), 'filter.memberId', 'required').throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const member = await readableMember(tx, this.access, memberId);
      const where = { memberId: member.id };
      const [rows, total] = await Promise.all([
        tx.developmentStep.findMany({
          where,
          orderBy: [{ decidedOn: 'asc' }, { createdAt: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.developmentStep.count({ where }),
      ]);
      return { steps: rows.map(toStepMessage), total };
    });
  }

  /**
   * Steps past due in the caller's scope: no talk within 1 month of applying, no activist review for
   * 6 months, a probation over without confirmation or extension (rules.md §3).
   */
  async overdue(withinId?: string): Promise<DevelopmentOverdueStep[]> {
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, withinId);
      return (await overdueSteps(tx, today, paths)).map((row) => create(DevelopmentOverdueStepSchema, row));
    });
  }

  private validate(request: RecordDevelopmentStepRequest): void {
    const date = (value: string | undefined) => !value || isCalendarDate(value);
    const v = new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check((STEP_KINDS as readonly string[]).includes(request.kind), 'kind', 'not_one_of', {
        allowed: STEP_KINDS.join(', '),
      })
      .check(isCalendarDate(request.decidedOn), 'decidedOn', 'not_a_date')
      .check(request.sponsorIds.length <= 5 && request.sponsorIds.every(isUuid), 'sponsorIds', 'not_ids')
      .check(
        request.introducerIds.length <= 5 && request.introducerIds.every(isUuid),
        'introducerIds',
        'not_ids',
      )
      .check(request.trainingHours >= 0 && request.trainingHours <= 1000, 'trainingHours', 'number_between', {
        min: 0,
        max: 1000,
      })
      .check(request.trainingDays >= 0 && request.trainingDays <= 365, 'trainingDays', 'number_between', {
        min: 0,
        max: 365,
      })
      .check(
        request.trainingExamId === undefined || isUuid(request.trainingExamId),
        'trainingExamId',
        'not_an_id',
      )
      .check(
        request.trainingExamId === undefined || (request.trainingHours === 0 && request.trainingDays === 0),
        'trainingHours',
        'from_training_exam',
      )
      .check(date(request.politicalReviewConcludedOn), 'politicalReviewConcludedOn', 'not_a_date')
      .check(date(request.preReviewedOn), 'preReviewedOn', 'not_a_date')
      .check(date(request.higherApprovedOn), 'higherApprovedOn', 'not_a_date')
      .check(date(request.appliedOn), 'appliedOn', 'not_a_date')
      .check(
        request.extensionMonths >= 0 && request.extensionMonths <= 24,
        'extensionMonths',
        'number_between',
        { min: 0, max: 24 },
      )
      .check(request.note.length <= 2000, 'note', 'too_long', { max: 2000 })
      .check(request.lateApprovalReason.length <= 500, 'lateApprovalReason', 'too_long', { max: 500 });
    v.check(
      request.meetingVoteId === undefined || isUuid(request.meetingVoteId),
      'meetingVoteId',
      'not_an_id',
    ).check(request.meetingVoteId === undefined || request.vote === undefined, 'vote', 'vote_from_meeting');
    if (request.vote) {
      const { eligible, present, inFavour } = request.vote;
      v.check(eligible >= 1 && eligible <= 10_000, 'vote.eligible', 'number_between', { min: 1, max: 10000 })
        .check(present >= 0 && present <= eligible, 'vote.present', 'vote_present_range')
        .check(inFavour >= 0 && inFavour <= present, 'vote.inFavour', 'vote_in_favour_range');
    }
    v.throwIfInvalid();
  }

  /**
   * The training a step names by its exam: the exam's class hours and days, when the member passed it.
   * A member without a login has sat no exam here; an exam that is not a training exam, or not passed,
   * is no evidence.
   */
  private async trainingFromExam(
    member: MemberRow,
    request: RecordDevelopmentStepRequest,
  ): Promise<{ trainingHours: number; trainingDays: number } | undefined> {
    const examId = request.trainingExamId;
    if (examId === undefined) return undefined;
    if (!member.userId) throw ValidationError.of('trainingExamId', 'member_without_login');
    if (!this.training) throw ValidationError.of('trainingExamId', 'not_a_training_exam');
    const evidence = await this.training.read(examId, member.userId);
    new Validator()
      .check(evidence.found, 'trainingExamId', 'not_a_training_exam')
      .check(!evidence.found || evidence.passed, 'trainingExamId', 'training_exam_not_passed', {
        exam: evidence.examName,
      })
      .throwIfInvalid();
    // The training comes before the meeting that admits: a pass after the decision is no evidence for it.
    const passedOn = chinaToday(new Date(evidence.passedAt));
    new Validator()
      .check(passedOn <= request.decidedOn, 'trainingExamId', 'training_after_decision', { passedOn })
      .throwIfInvalid();
    return { trainingHours: evidence.classHours, trainingDays: evidence.days };
  }

  /** What the rules read, and the publicity period the step relies on (the latest for its stage). */
  private async facts(
    tx: OrganisationTx,
    member: MemberRow,
    request: RecordDevelopmentStepRequest,
  ): Promise<{ facts: StepFacts; publicityPeriodId: string | null }> {
    const vote = request.meetingVoteId
      ? await this.recordedVote(tx, member.id, request)
      : request.vote
        ? { eligible: request.vote.eligible, present: request.vote.present, inFavour: request.vote.inFavour }
        : undefined;
    const people = async (ids: string[]): Promise<PersonFacts[]> => {
      const rows = await tx.member.findMany({
        where: { id: { in: ids } },
        select: { id: true, developmentStage: true, status: true },
      });
      // An id that is not a member of this tenant counts as someone who is not a full member.
      return ids.map(
        (id) => rows.find((row) => row.id === id) ?? { id, developmentStage: 'unknown', status: 'unknown' },
      );
    };
    const kind = request.kind as StepKind;
    const publicityStage = PUBLICITY_BEFORE[kind];
    const publicity = publicityStage
      ? await tx.publicityPeriod.findFirst({
          where: { memberId: member.id, stage: publicityStage },
          orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }],
        })
      : null;
    const facts: StepFacts = {
      kind,
      today: chinaToday(this.now()),
      member: {
        id: member.id,
        developmentStage: member.developmentStage,
        status: member.status,
        stageSince: dateOnly(member.stageSince),
        ...(member.joinedOn ? { joinedOn: dateOnly(member.joinedOn) } : {}),
        probationExtensionMonths: member.probationExtensionMonths,
        ...(member.oathTakenOn ? { oathTakenOn: dateOnly(member.oathTakenOn) } : {}),
      },
      decidedOn: request.decidedOn,
      sponsors: await people(request.sponsorIds),
      introducers: await people(request.introducerIds),
      trainingHours: request.trainingHours,
      trainingDays: request.trainingDays,
      ...(request.politicalReviewConcludedOn
        ? { politicalReviewConcludedOn: request.politicalReviewConcludedOn }
        : {}),
      ...(request.preReviewedOn ? { preReviewedOn: request.preReviewedOn } : {}),
      leavingUnitSoon: request.leavingUnitSoon,
      calendarConfirmed: request.calendarConfirmed,
      ...(vote ? { vote } : {}),
      ...(request.higherApprovedOn ? { higherApprovedOn: request.higherApprovedOn } : {}),
      lateApprovalReason: request.lateApprovalReason,
      ...(request.appliedOn ? { appliedOn: request.appliedOn } : {}),
      extensionMonths: request.extensionMonths,
      ...(publicity
        ? {
            publicity: {
              endsOn: dateOnly(publicity.endsOn),
              objectionStatus: publicity.objectionStatus,
              calendarProvisional: publicity.calendarProvisional,
            },
          }
        : {}),
    };
    return { facts, publicityPeriodId: publicity?.id ?? null };
  }

  /**
   * The general meeting's vote as recorded with the meeting (issue 14, part 6): on this member, on
   * this kind of step, and taken on the day of the decision. Its figures are the step's.
   */
  private async recordedVote(
    tx: OrganisationTx,
    memberId: string,
    request: RecordDevelopmentStepRequest,
  ): Promise<{ eligible: number; present: number; inFavour: number }> {
    const vote = await tx.meetingVote.findUnique({
      where: { id: request.meetingVoteId! },
      include: { meeting: { select: { heldOn: true } } },
    });
    if (!vote) throw ValidationError.of('meetingVoteId', 'unknown_vote');
    if (vote.memberId !== memberId) throw ValidationError.of('meetingVoteId', 'vote_of_another_member');
    if (vote.subject !== request.kind) throw ValidationError.of('meetingVoteId', 'vote_on_other_step');
    const heldOn = vote.meeting.heldOn ? dateOnly(vote.meeting.heldOn) : '';
    if (request.decidedOn !== heldOn) throw ValidationError.of('decidedOn', 'vote_held_on', { heldOn });
    return { eligible: vote.eligible, present: vote.present, inFavour: vote.inFavour };
  }

  /** The member record follows the step; the change is kept in the member's history. */
  private async applyToMember(
    tx: OrganisationTx,
    member: MemberRow,
    kind: StepKind,
    effectiveOn: string,
    request: RecordDevelopmentStepRequest,
    userId: string,
  ): Promise<void> {
    const { from, to } = STEP_STAGES[kind];
    const data: Record<string, unknown> = {};
    if (from !== to) Object.assign(data, { developmentStage: to, stageSince: dateColumn(effectiveOn) });
    if (kind === 'to_probationary') data['joinedOn'] = dateColumn(request.decidedOn);
    if (kind === 'confirmation') data['confirmedOn'] = dateColumn(effectiveOn);
    if (kind === 'probation_extension') data['probationExtensionMonths'] = request.extensionMonths;
    if (kind === 'oath') data['oathTakenOn'] = dateColumn(request.decidedOn);
    // The latest talk and review dates sit on the member: the pipeline's next step is read from them.
    const later = (current: Date | null) =>
      current && dateOnly(current) >= request.decidedOn ? null : dateColumn(request.decidedOn);
    if (kind === 'application_talk' && later(member.talkedOn)) data['talkedOn'] = later(member.talkedOn);
    if (kind === 'activist_review' && later(member.reviewedOn)) data['reviewedOn'] = later(member.reviewedOn);
    if (Object.keys(data).length === 0) return;
    await tx.member.update({ where: { id: member.id }, data: { ...data, updatedAt: new Date() } });
    await tx.memberChange.create({
      data: memberChange({
        tenantId: member.tenantId,
        memberId: member.id,
        changedBy: userId,
        reasonCode: 'development',
        params: { step: kind },
        fields: Object.keys(data),
      }),
    });
  }
}

interface OverdueRow {
  memberId: string;
  name: string;
  organisationId: string;
  developmentStage: string;
  step: string;
  dueOn: string;
}

/** The pipeline's overdue steps under the given subtree paths (undefined: the whole tenant). */
/** The pipeline's steps past due (rules.md §3) under the subtree paths in $2 (null: the whole tenant); $1 is today. */
const OVERDUE_CTE = `with due as (
       select m.id, m.name, m.organisation_id, m.development_stage, d.step, d.due_on
       from members m join organisations o on o.id = m.organisation_id
       cross join lateral pipeline_step_due(m.development_stage, m.stage_since, m.joined_on, m.probation_extension_months, m.talked_on, m.reviewed_on) d
       where m.status = 'active' and m.development_stage in ('applicant', 'activist', 'probationary') and d.step is not null
         and ($2::text[] is null or o.path like any($2::text[]))
     )
`;

/** The overdue steps themselves, oldest first: the secretary's list. */
export async function overdueSteps(
  tx: OrganisationTx,
  today: string,
  paths: string[] | undefined,
): Promise<OverdueRow[]> {
  const rows = (await tx.$queryRawUnsafe(
    `${OVERDUE_CTE}
     select id::text as member_id, name, organisation_id::text as organisation_id, development_stage, step, due_on
     from due where due_on < $1::date order by due_on, name`,
    today,
    paths ? paths.map((path) => `${path}%`) : null,
  )) as {
    member_id: string;
    name: string;
    organisation_id: string;
    development_stage: string;
    step: string;
    due_on: Date;
  }[];
  return rows.map((row) => ({
    memberId: row.member_id,
    name: row.name,
    organisationId: row.organisation_id,
    developmentStage: row.development_stage,
    step: row.step,
    dueOn: dateOnly(row.due_on),
  }));
}
