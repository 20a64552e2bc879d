import type { LearningTx } from '../db/learning-database.js';
import type { ExamAttempt as AttemptRow } from '../generated/prisma/client.js';
import { grantForExamPassed } from '../points/points-ledger.js';
import { gradeObjective } from '../question-banks/question-rules.js';
import type { PaperEntry } from './paper.js';

/** Answers still count when they arrive this long after the deadline (a phone on a slow network). */
export const LATE_GRACE_MS = 5_000;

export const isPastDeadline = (attempt: { deadline: Date }, now = new Date()) =>
  now.getTime() > attempt.deadline.getTime() + LATE_GRACE_MS;

/**
 * Hands an attempt in: every question of the paper is graded that can be (an unanswered one scores
 * nothing), and the attempt waits for a grader if a short answer is on it. Run by the member's 交卷,
 * and by the server when the time is up (`auto`).
 */
export async function handIn(tx: LearningTx, attempt: AttemptRow, auto: boolean, passingScore: number) {
  const paper = attempt.paper as unknown as PaperEntry[];
  const questions = await tx.question.findMany({ where: { id: { in: paper.map((p) => p.questionId) } } });
  const answers = await tx.examAnswer.findMany({ where: { attemptId: attempt.id } });
  const answered = new Map(answers.map((a) => [a.questionId, a]));
  let score = 0;
  let awaitingGrader = false;
  const rows = questions.map((question) => {
    const response = answered.get(question.id)?.response ?? [];
    const written = response.some((text) => text.trim() !== '');
    // An empty short answer is simply wrong; a written one waits for the grader.
    const grade = gradeObjective(question, response) ?? (written ? undefined : { correct: false, points: 0 });
    if (!grade) awaitingGrader = true;
    score += grade?.points ?? 0;
    return {
      questionId: question.id,
      response,
      correct: grade?.correct ?? null,
      points: grade?.points ?? null,
    };
  });
  // Every grade in one statement (a paper of a hundred questions is one round trip, not a hundred).
  await tx.$executeRawUnsafe(
    `insert into exam_answers (attempt_id, tenant_id, question_id, response, correct, points)
     select $1::uuid, $2::uuid, r.question_id, array(select jsonb_array_elements_text(r.response)), r.correct, r.points
       from jsonb_to_recordset($3::jsonb) as r(question_id uuid, response jsonb, correct boolean, points int)
     on conflict (attempt_id, question_id) do update set correct = excluded.correct, points = excluded.points`,
    attempt.id,
    attempt.tenantId,
    JSON.stringify(
      rows.map((r) => ({
        question_id: r.questionId,
        response: r.response,
        correct: r.correct,
        points: r.points,
      })),
    ),
  );
  const handedIn = await tx.examAttempt.update({
    where: { id: attempt.id },
    data: {
      submittedAt: new Date(),
      autoSubmitted: auto,
      status: awaitingGrader ? 'grading' : 'graded',
      ...(awaitingGrader ? {} : { score, passed: score >= passingScore }),
    },
  });
  if (handedIn.passed) await grantForExamPassed(tx, handedIn, handedIn.examId);
  return handedIn;
}
