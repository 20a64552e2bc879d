import { create } from '@bufbuild/protobuf';
import {
  MyAttemptSchema,
  MyExamSchema,
  PaperQuestionSchema,
  WrongAnswerSchema,
  type MyAttempt,
  type MyExam,
  type WrongAnswer,
} from '@dangjian/contracts';
import {
  ConflictError,
  fromDatabaseError,
  isUuid,
  NotFoundError,
  requirePrincipal,
  RuleViolatedError,
  ValidationError,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { ExamAttempt as AttemptRow, Exam as ExamRow, Prisma } from '../generated/prisma/client.js';
import { examMessages } from '../exams/exams.use-cases.js';
import { handIn, isPastDeadline } from '../exams/hand-in.js';
import { drawPaper, type PaperEntry } from '../exams/paper.js';

const chinaTime = (date: Date) =>
  date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).replace(/\//g, '-');

/** The attempt as its member sees it: options in their own order, never the answers while it runs. */
async function myAttemptMessage(tx: LearningTx, row: AttemptRow, exam: ExamRow): Promise<MyAttempt> {
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
  return create(MyAttemptSchema, {
    id: row.id,
    examId: exam.id,
    examName: exam.name,
    deadline: row.deadline.toISOString(),
    serverTime: new Date().toISOString(),
    status: row.status,
    questions: paper.flatMap((entry) => {
      const q = questions.get(entry.questionId);
      if (!q) return [];
      const saved = answers.get(entry.questionId)?.response ?? [];
      const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
      return [
        create(PaperQuestionSchema, {
          questionId: q.id,
          kind: q.kind,
          stem: q.stem,
          options: entry.optionOrder.map((i) => q.options[i]!),
          points: q.points,
          // Saved as the author's option indexes; shown as the member's own.
          response: choice ? saved.map((i) => String(entry.optionOrder.indexOf(Number(i)))) : saved,
          blanks: q.kind === 'fill_blank' ? q.answer.length : 0,
        }),
      ];
    }),
    ...(row.score !== null ? { score: row.score } : {}),
    maxScore: row.maxScore,
    ...(row.passed !== null ? { passed: row.passed } : {}),
    autoSubmitted: row.autoSubmitted,
  });
}

/** 我的考试: start, answer as you go, hand in; the server keeps the time and the one open sitting. */
export class MyExams {
  constructor(private readonly db: LearningDatabase) {}

  list(tenantId: TenantId): Promise<MyExam[]> {
    const { userId } = requirePrincipal();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const now = new Date();
      const exams = await tx.exam.findMany({
        where: { opensAt: { lte: now }, closesAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } },
        orderBy: { closesAt: 'asc' },
      });
      const messages = await examMessages(tx, exams);
      const result: MyExam[] = [];
      for (const [i, exam] of exams.entries()) {
        const attempts = await this.settled(tx, exam, userId);
        const best = attempts.reduce<number | undefined>(
          (top, a) => (a.score !== null && (top === undefined || a.score > top) ? a.score : top),
          undefined,
        );
        const open = attempts.find((a) => a.submittedAt === null);
        const last = attempts.at(-1);
        const next = last?.submittedAt
          ? new Date(last.submittedAt.getTime() + exam.retakeDelayMinutes * 60_000)
          : undefined;
        result.push(
          create(MyExamSchema, {
            exam: messages[i],
            attemptsUsed: attempts.length,
            ...(best !== undefined ? { bestScore: best } : {}),
            passed: attempts.some((a) => a.passed),
            openAttemptId: open?.id ?? '',
            nextAttemptAt: next && next > now ? next.toISOString() : '',
          }),
        );
      }
      return result;
    });
  }

  async start(tenantId: TenantId, examId: string, retried = false): Promise<MyAttempt> {
    const principal = requirePrincipal();
    if (!isUuid(examId)) throw ValidationError.of('examId', 'not_an_id');
    try {
      return await this.db.database.inTenant(tenantId, async (tx) => {
        const exam = await tx.exam.findUnique({ where: { id: examId } });
        if (!exam) throw new NotFoundError('exam', examId);
        const now = new Date();
        if (now < exam.opensAt || now >= exam.closesAt)
          throw new RuleViolatedError('exam-not-open', undefined, [], {
            opensAt: chinaTime(exam.opensAt),
            closesAt: chinaTime(exam.closesAt),
          });
        const attempts = await this.settled(tx, exam, principal.userId);
        const open = attempts.find((a) => a.submittedAt === null);
        // Starting again while a sitting is open goes back to it (another device, a reload).
        if (open) return myAttemptMessage(tx, open, exam);
        if (attempts.length >= exam.maxAttempts)
          throw new RuleViolatedError('exam-attempts-used', undefined, [], { max: exam.maxAttempts });
        const last = attempts.at(-1);
        const next =
          last?.submittedAt && new Date(last.submittedAt.getTime() + exam.retakeDelayMinutes * 60_000);
        if (next && next > now)
          throw new RuleViolatedError('exam-retake-delay', undefined, [], { at: chinaTime(next) });
        const pool = await tx.question.findMany({
          where:
            exam.paperKind === 'fixed'
              ? { id: { in: exam.questionIds } }
              : {
                  bankId: exam.bankId,
                  category: { in: (exam.draw as { category: string }[]).map((rule) => rule.category) },
                },
          select: { id: true, category: true, kind: true, options: true, answer: true, points: true },
        });
        const paper = drawPaper(
          { ...exam, draw: exam.draw as unknown as { category: string; count: number }[] },
          pool,
        );
        const points = new Map(pool.map((q) => [q.id, q.points]));
        const deadline = new Date(
          Math.min(now.getTime() + exam.timeLimitMinutes * 60_000, exam.closesAt.getTime()),
        );
        const row = await tx.examAttempt.create({
          data: {
            id: randomUUID(),
            tenantId,
            examId: exam.id,
            userId: principal.userId,
            personName: principal.displayName || principal.username,
            number: attempts.length + 1,
            paper: paper as unknown as Prisma.InputJsonValue,
            startedAt: now,
            deadline,
            maxScore: paper.reduce((sum, entry) => sum + (points.get(entry.questionId) ?? 0), 0),
          },
        });
        return myAttemptMessage(tx, row, exam);
      });
    } catch (error) {
      // Two starts at once (two devices): the database lets one sitting open; the other joins it.
      if (!retried && fromDatabaseError(error) instanceof ConflictError)
        return this.start(tenantId, examId, true);
      throw error;
    }
  }

  get(tenantId: TenantId, attemptId: string): Promise<MyAttempt> {
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { attempt, exam } = await this.mine(tx, attemptId);
      return myAttemptMessage(tx, attempt, exam);
    });
  }

  /** Saves one answer as it is given; refused once the time is up (the attempt is then handed in). */
  save(
    tenantId: TenantId,
    request: { attemptId: string; questionId: string; response: string[] },
  ): Promise<Date> {
    const { userId } = requirePrincipal();
    if (!isUuid(request.attemptId)) throw new NotFoundError('exam attempt', request.attemptId);
    // The busiest call of an exam (every answer of everyone): two statements, the attempt read under
    // a lock so a hand-in at the same moment either sees this answer or refuses it.
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [attempt] = (await tx.$queryRawUnsafe(
        `select id, paper, submitted_at, auto_submitted, deadline from exam_attempts
          where id = $1::uuid and user_id = $2::uuid for update`,
        request.attemptId,
        userId,
      )) as {
        id: string;
        paper: PaperEntry[];
        submitted_at: Date | null;
        auto_submitted: boolean;
        deadline: Date;
      }[];
      if (!attempt) throw new NotFoundError('exam attempt', request.attemptId);
      // Too late: refused (the server's hand-in job takes the attempt in with what was saved).
      if (attempt.submitted_at === null && isPastDeadline(attempt))
        throw new RuleViolatedError('exam-time-up');
      if (attempt.submitted_at !== null)
        throw new RuleViolatedError(attempt.auto_submitted ? 'exam-time-up' : 'exam-attempt-submitted');
      const entry = attempt.paper.find((p) => p.questionId === request.questionId);
      if (!entry) throw ValidationError.of('questionId', 'not_in_paper');
      const question = entry.kind
        ? { kind: entry.kind, answer: Array.from({ length: entry.blanks ?? 0 }, () => '') }
        : await tx.question.findUniqueOrThrow({ where: { id: entry.questionId } });
      const response = toAuthorResponse(question, entry, request.response);
      if (!response) throw ValidationError.of('response', 'answer_shape', { kind: question.kind });
      const [saved] = (await tx.$queryRawUnsafe(
        `insert into exam_answers (attempt_id, tenant_id, question_id, response, saved_at)
         values ($1::uuid, $2::uuid, $3::uuid, $4::text[], now())
         on conflict (attempt_id, question_id) do update set response = excluded.response, saved_at = excluded.saved_at
         returning saved_at`,
        attempt.id,
        tenantId,
        entry.questionId,
        response,
      )) as { saved_at: Date }[];
      return saved!.saved_at;
    });
  }

  submit(tenantId: TenantId, attemptId: string): Promise<MyAttempt> {
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { attempt, exam } = await this.mine(tx, attemptId, { forUpdate: true });
      const handed =
        attempt.submittedAt === null ? await handIn(tx, attempt, false, exam.passingScore) : attempt;
      return myAttemptMessage(tx, handed, exam);
    });
  }

  focusLost(tenantId: TenantId, attemptId: string): Promise<number> {
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { attempt } = await this.mine(tx, attemptId, { forUpdate: true });
      if (attempt.submittedAt !== null) return attempt.focusLost;
      const updated = await tx.examAttempt.update({
        where: { id: attempt.id },
        data: { focusLost: { increment: 1 } },
      });
      return updated.focusLost;
    });
  }

  /** 错题本: each question whose latest graded answer was wrong, with the right answer. */
  wrongAnswers(tenantId: TenantId): Promise<WrongAnswer[]> {
    const { userId } = requirePrincipal();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const rows = (await tx.$queryRawUnsafe(
        `select distinct on (a.question_id) a.question_id::text as question_id, a.correct, a.response,
                a.saved_at, e.name as exam_name
           from exam_answers a join exam_attempts t on t.id = a.attempt_id join exams e on e.id = t.exam_id
          where t.user_id = $1::uuid and a.correct is not null
          order by a.question_id, t.submitted_at desc`,
        userId,
      )) as {
        question_id: string;
        correct: boolean;
        response: string[];
        saved_at: Date;
        exam_name: string;
      }[];
      const wrong = rows.filter((row) => !row.correct);
      const questions = new Map(
        (await tx.question.findMany({ where: { id: { in: wrong.map((w) => w.question_id) } } })).map((q) => [
          q.id,
          q,
        ]),
      );
      return wrong.flatMap((row) => {
        const q = questions.get(row.question_id);
        return q
          ? [
              create(WrongAnswerSchema, {
                examName: row.exam_name,
                questionId: q.id,
                kind: q.kind,
                stem: q.stem,
                options: q.options,
                answer: q.answer,
                response: row.response,
                answeredAt: row.saved_at.toISOString(),
                explanation: q.explanation,
              }),
            ]
          : [];
      });
    });
  }

  /** The person's attempts of an exam in order, any whose time is up handed in first. */
  private async settled(tx: LearningTx, exam: ExamRow, userId: string): Promise<AttemptRow[]> {
    const attempts = await tx.examAttempt.findMany({
      where: { examId: exam.id, userId },
      orderBy: { number: 'asc' },
    });
    return Promise.all(
      attempts.map((a) =>
        a.submittedAt === null && isPastDeadline(a) ? handIn(tx, a, true, exam.passingScore) : a,
      ),
    );
  }

  /** The caller's own attempt (another person's is not found), handed in if its time is up. */
  private async mine(tx: LearningTx, attemptId: string, options: { forUpdate?: boolean } = {}) {
    const { userId } = requirePrincipal();
    if (!isUuid(attemptId)) throw new NotFoundError('exam attempt', attemptId);
    if (options.forUpdate)
      await tx.$queryRawUnsafe('select 1 from exam_attempts where id = $1::uuid for update', attemptId);
    let attempt = await tx.examAttempt.findFirst({ where: { id: attemptId, userId } });
    if (!attempt) throw new NotFoundError('exam attempt', attemptId);
    const exam = await tx.exam.findUniqueOrThrow({ where: { id: attempt.examId } });
    if (attempt.submittedAt === null && isPastDeadline(attempt))
      attempt = await handIn(tx, attempt, true, exam.passingScore);
    return { attempt, exam };
  }
}

/** A member's response in the author's terms (choice indexes mapped back), or undefined when it does not fit. */
function toAuthorResponse(
  question: { kind: string; answer: string[] },
  entry: PaperEntry,
  response: string[],
): string[] | undefined {
  const texts = response.every((r) => typeof r === 'string' && r.length <= 5000);
  if (!texts) return undefined;
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const shown = response.map(Number);
      const valid =
        shown.every((i, n) => String(i) === response[n] && i >= 0 && i < entry.optionOrder.length) &&
        new Set(shown).size === shown.length &&
        (question.kind === 'multiple_choice' || shown.length <= 1);
      return valid ? shown.map((i) => String(entry.optionOrder[i])) : undefined;
    }
    case 'true_false':
      return response.length <= 1 && response.every((r) => r === 'true' || r === 'false')
        ? response
        : undefined;
    case 'fill_blank':
      return response.length <= question.answer.length && response.every((r) => r.length <= 200)
        ? response
        : undefined;
    default:
      return response.length <= 1 ? response : undefined;
  }
}
