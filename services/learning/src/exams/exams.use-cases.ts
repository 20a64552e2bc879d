import { create } from '@bufbuild/protobuf';
import {
  ExamAttemptSchema,
  ExamSchema,
  GradedAnswerSchema,
  SortOrder,
  type CreateExamRequest,
  type Exam,
  type ExamAttempt,
  type GradeExamAttemptRequest,
  type ListExamAttemptsRequest,
  type ListExamsRequest,
} from '@dangjian/contracts';
import {
  asTenantId,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { Exam as ExamRow, ExamAttempt as AttemptRow, Prisma } from '../generated/prisma/client.js';
import { LEARNING_AUTHORS } from '../question-banks/question-banks.use-cases.js';
import { grantForExamPassed } from '../points/points-ledger.js';
import { handIn, isPastDeadline, LATE_GRACE_MS } from './hand-in.js';
import type { PaperEntry } from './paper.js';

const PAPER_KINDS = ['fixed', 'random'] as const;
type DrawRule = { category: string; count: number };

/** Exams as shown, a page at a time: full marks and attempts awaiting a grader in two queries for all. */
export async function examMessages(tx: LearningTx, rows: ExamRow[]): Promise<Exam[]> {
  const points = new Map(
    (
      await tx.question.findMany({
        where: { id: { in: rows.flatMap((row) => (row.paperKind === 'fixed' ? row.questionIds : [])) } },
        select: { id: true, points: true },
      })
    ).map((q) => [q.id, q.points]),
  );
  const awaiting = new Map(
    (
      await tx.examAttempt.groupBy({
        by: ['examId'],
        where: { examId: { in: rows.map((row) => row.id) }, status: 'grading' },
        _count: { _all: true },
      })
    ).map((group) => [group.examId, group._count._all]),
  );
  return rows.map((row) =>
    create(ExamSchema, {
      id: row.id,
      name: row.name,
      bankId: row.bankId,
      paperKind: row.paperKind,
      questionIds: row.questionIds,
      draw: row.draw as unknown as DrawRule[],
      shuffleOptions: row.shuffleOptions,
      timeLimitMinutes: row.timeLimitMinutes,
      passingScore: row.passingScore,
      maxAttempts: row.maxAttempts,
      retakeDelayMinutes: row.retakeDelayMinutes,
      trainingClassHours: row.trainingClassHours,
      trainingDays: row.trainingDays,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      // A random paper's full marks depend on the draw: each attempt has its own.
      maxScore:
        row.paperKind === 'fixed' ? row.questionIds.reduce((sum, id) => sum + (points.get(id) ?? 0), 0) : 0,
      createdAt: row.createdAt.toISOString(),
      awaitingGrading: awaiting.get(row.id) ?? 0,
    }),
  );
}

export async function examMessage(tx: LearningTx, row: ExamRow): Promise<Exam> {
  return (await examMessages(tx, [row]))[0]!;
}

/** An attempt as the organiser and grader see it; with its answers when asked for one. */
async function attemptMessage(tx: LearningTx, row: AttemptRow, withAnswers: boolean): Promise<ExamAttempt> {
  const message = create(ExamAttemptSchema, {
    id: row.id,
    examId: row.examId,
    userId: row.userId,
    personName: row.personName,
    number: row.number,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? '',
    autoSubmitted: row.autoSubmitted,
    status: row.status,
    ...(row.score !== null ? { score: row.score } : {}),
    maxScore: row.maxScore,
    ...(row.passed !== null ? { passed: row.passed } : {}),
    focusLost: row.focusLost,
  });
  if (!withAnswers) return message;
  const paper = row.paper as unknown as PaperEntry[];
  const questions = new Map(
    (await tx.question.findMany({ where: { id: { in: paper.map((p) => p.questionId) } } })).map((q) => [
      q.id,
      q,
    ]),
  );
  const answers = new Map(
    (await tx.examAnswer.findMany({ where: { attemptId: row.id } })).map((a) => [a.questionId, a]),
  );
  message.answers = paper.flatMap(({ questionId }) => {
    const q = questions.get(questionId);
    if (!q) return [];
    const a = answers.get(questionId);
    return [
      create(GradedAnswerSchema, {
        questionId,
        kind: q.kind,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        rubric: q.rubric,
        points: q.points,
        response: a?.response ?? [],
        ...(a?.correct !== null && a?.correct !== undefined ? { correct: a.correct } : {}),
        ...(a?.points !== null && a?.points !== undefined ? { awarded: a.points } : {}),
        comment: a?.comment ?? '',
      }),
    ];
  });
  return message;
}

/** 考试: organisers set exams and grade short answers; attempts are the member's (my-learning). */
export class ExamsUseCases {
  constructor(private readonly db: LearningDatabase) {}

  async create(request: CreateExamRequest): Promise<Exam> {
    const principal = requireRole(...LEARNING_AUTHORS);
    const name = request.name.trim();
    const opensAt = new Date(request.opensAt);
    const closesAt = new Date(request.closesAt);
    const fixed = request.paperKind === 'fixed';
    new Validator()
      .check(name.length >= 1 && name.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .check(isUuid(request.bankId), 'bankId', 'not_an_id')
      .check((PAPER_KINDS as readonly string[]).includes(request.paperKind), 'paperKind', 'not_one_of', {
        allowed: PAPER_KINDS.join(', '),
      })
      .check(
        !fixed ||
          (request.questionIds.length >= 1 &&
            request.questionIds.length <= 200 &&
            request.questionIds.every(isUuid) &&
            new Set(request.questionIds).size === request.questionIds.length),
        'questionIds',
        'not_ids',
      )
      .check(
        fixed ||
          (request.draw.length >= 1 &&
            request.draw.length <= 20 &&
            request.draw.every(
              (rule) => rule.category.trim() !== '' && rule.count >= 1 && rule.count <= 100,
            )),
        'draw',
        'too_few',
        { min: 1 },
      )
      .check(
        request.timeLimitMinutes >= 1 && request.timeLimitMinutes <= 600,
        'timeLimitMinutes',
        'number_between',
        {
          min: 1,
          max: 600,
        },
      )
      .check(request.passingScore >= 0 && request.passingScore <= 10_000, 'passingScore', 'number_between', {
        min: 0,
        max: 10000,
      })
      .check(request.maxAttempts >= 1 && request.maxAttempts <= 20, 'maxAttempts', 'number_between', {
        min: 1,
        max: 20,
      })
      .check(
        request.retakeDelayMinutes >= 0 && request.retakeDelayMinutes <= 43_200,
        'retakeDelayMinutes',
        'number_between',
        { min: 0, max: 43200 },
      )
      .check(
        request.trainingClassHours >= 0 && request.trainingClassHours <= 1000,
        'trainingClassHours',
        'number_between',
        { min: 0, max: 1000 },
      )
      .check(request.trainingDays >= 0 && request.trainingDays <= 365, 'trainingDays', 'number_between', {
        min: 0,
        max: 365,
      })
      .check(
        !Number.isNaN(opensAt.getTime()) && /[zZ]|[+-]\d\d:\d\d$/.test(request.opensAt),
        'opensAt',
        'not_a_datetime_with_zone',
      )
      .check(
        !Number.isNaN(closesAt.getTime()) && /[zZ]|[+-]\d\d:\d\d$/.test(request.closesAt),
        'closesAt',
        'not_a_datetime_with_zone',
      )
      .throwIfInvalid();
    if (closesAt <= opensAt)
      throw ValidationError.of('closesAt', 'not_after_start', { start: request.opensAt });
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const bank = await tx.questionBank.findUnique({ where: { id: request.bankId } });
      if (!bank) throw new NotFoundError('question bank', request.bankId);
      const draw = request.draw.map((rule) => ({ category: rule.category.trim(), count: rule.count }));
      if (fixed) {
        const found = await tx.question.count({
          where: { bankId: bank.id, id: { in: request.questionIds } },
        });
        if (found !== request.questionIds.length) throw ValidationError.of('questionIds', 'not_in_bank');
      } else {
        const validator = new Validator();
        for (const [i, rule] of draw.entries()) {
          const available = await tx.question.count({ where: { bankId: bank.id, category: rule.category } });
          validator.check(available >= rule.count, `draw.${i}.count`, 'draw_exceeds_bank', {
            ...rule,
            available,
          });
        }
        validator.throwIfInvalid();
      }
      const row = await tx.exam.create({
        data: {
          id: randomUUID(),
          tenantId,
          name,
          bankId: bank.id,
          paperKind: request.paperKind,
          questionIds: fixed ? request.questionIds : [],
          draw: fixed ? [] : (draw as unknown as Prisma.InputJsonValue),
          shuffleOptions: request.shuffleOptions,
          timeLimitMinutes: request.timeLimitMinutes,
          passingScore: request.passingScore,
          maxAttempts: request.maxAttempts,
          retakeDelayMinutes: request.retakeDelayMinutes,
          trainingClassHours: request.trainingClassHours,
          trainingDays: request.trainingDays,
          opensAt,
          closesAt,
          createdBy: principal.userId,
        },
      });
      return examMessage(tx, row);
    });
  }

  async get(id: string): Promise<Exam> {
    requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => examMessage(tx, await this.findExam(tx, id)));
  }

  async list(request: ListExamsRequest): Promise<{ exams: Exam[]; total: number }> {
    requireRole(...LEARNING_AUTHORS);
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const where = request.query ? { name: { contains: request.query } } : {};
      const [rows, total] = await Promise.all([
        tx.exam.findMany({
          where,
          orderBy: [{ opensAt: request.page?.sortOrder === SortOrder.ASC ? 'asc' : 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
        tx.exam.count({ where }),
      ]);
      return { exams: await examMessages(tx, rows), total };
    });
  }

  async attempts(request: ListExamAttemptsRequest): Promise<{ examAttempts: ExamAttempt[]; total: number }> {
    requireRole(...LEARNING_AUTHORS);
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const exam = await this.findExam(tx, request.examId);
      await this.handInExpired(tx);
      const where = { examId: exam.id, ...(request.status ? { status: request.status } : {}) };
      const [rows, total] = await Promise.all([
        tx.examAttempt.findMany({ where, orderBy: [{ startedAt: 'desc' }, { id: 'asc' }], skip, take }),
        tx.examAttempt.count({ where }),
      ]);
      const examAttempts: ExamAttempt[] = [];
      for (const row of rows) examAttempts.push(await attemptMessage(tx, row, false));
      return { examAttempts, total };
    });
  }

  async attempt(id: string): Promise<ExamAttempt> {
    requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) =>
      attemptMessage(tx, await this.findAttempt(tx, id), true),
    );
  }

  /** A grader scores the short answers of a handed-in attempt, by the rubric; the score is then final. */
  async grade(request: GradeExamAttemptRequest): Promise<ExamAttempt> {
    const principal = requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => {
      const attempt = await this.findAttempt(tx, request.id);
      if (attempt.status !== 'grading') throw new RuleViolatedError('exam-not-awaiting-grading');
      const pending = await tx.examAnswer.findMany({ where: { attemptId: attempt.id, correct: null } });
      const questions = new Map(
        (await tx.question.findMany({ where: { id: { in: pending.map((a) => a.questionId) } } })).map((q) => [
          q.id,
          q,
        ]),
      );
      const grades = new Map(request.grades.map((g) => [g.questionId, g]));
      const validator = new Validator();
      pending.forEach((answer) => {
        const grade = grades.get(answer.questionId);
        const max = questions.get(answer.questionId)?.points ?? 0;
        validator.check(
          grade !== undefined && grade.points >= 0 && grade.points <= max,
          `grades.${answer.questionId}.points`,
          'grade_range',
          { max },
        );
      });
      request.grades.forEach((grade, i) =>
        validator.check(
          pending.some((a) => a.questionId === grade.questionId),
          `grades.${i}.questionId`,
          'not_in_paper',
        ),
      );
      validator.throwIfInvalid();
      for (const answer of pending) {
        const grade = grades.get(answer.questionId)!;
        const max = questions.get(answer.questionId)!.points;
        await tx.examAnswer.update({
          where: { attemptId_questionId: { attemptId: attempt.id, questionId: answer.questionId } },
          data: {
            points: grade.points,
            correct: grade.points === max,
            comment: grade.comment.slice(0, 1000),
          },
        });
      }
      const total = await tx.examAnswer.aggregate({
        where: { attemptId: attempt.id },
        _sum: { points: true },
      });
      const exam = await tx.exam.findUniqueOrThrow({ where: { id: attempt.examId } });
      const score = total._sum.points ?? 0;
      const graded = await tx.examAttempt.update({
        where: { id: attempt.id },
        data: { status: 'graded', score, passed: score >= exam.passingScore, gradedBy: principal.userId },
      });
      if (graded.passed) await grantForExamPassed(tx, graded, graded.examId);
      return attemptMessage(tx, graded, true);
    });
  }

  /** Hands in every attempt of the tenant whose time is up (the organiser's lists are never stale). */
  async handInExpired(tx: LearningTx): Promise<number> {
    const expired = await tx.examAttempt.findMany({
      where: { submittedAt: null, deadline: { lt: new Date(Date.now() - LATE_GRACE_MS) } },
      include: { exam: { select: { passingScore: true } } },
    });
    for (const attempt of expired)
      if (isPastDeadline(attempt)) await handIn(tx, attempt, true, attempt.exam.passingScore);
    return expired.length;
  }

  /** The periodic job: every tenant with an attempt past its time. */
  async handInExpiredAllTenants(): Promise<number> {
    const rows = await this.db.database.platform(
      async (tx) =>
        (await tx.$queryRawUnsafe(
          `select distinct tenant_id::text as id from exam_attempts
            where submitted_at is null and deadline < now() - interval '${LATE_GRACE_MS / 1000} seconds'`,
        )) as { id: string }[],
      { 'app.tenant_directory': 'on' },
    );
    let handedIn = 0;
    for (const { id } of rows)
      handedIn += await this.db.database.inTenant(asTenantId(id), (tx) => this.handInExpired(tx));
    return handedIn;
  }

  private async findExam(tx: LearningTx, id: string): Promise<ExamRow> {
    const row = isUuid(id) ? await tx.exam.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundError('exam', id);
    return row;
  }

  private async findAttempt(tx: LearningTx, id: string): Promise<AttemptRow> {
    const row = isUuid(id) ? await tx.examAttempt.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundError('exam attempt', id);
    if (row.submittedAt === null && isPastDeadline(row)) {
      const exam = await tx.exam.findUniqueOrThrow({ where: { id: row.examId } });
      return handIn(tx, row, true, exam.passingScore);
    }
    return row;
  }
}
