import type { LearningTx } from '../db/learning-database.js';
import type { ExamAttempt as AttemptRow } from '../generated/prisma/client.js';
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
  for (const question of questions) {
    const response = answered.get(question.id)?.response ?? [];
    const grade = gradeObjective(question, response);
    if (!grade) awaitingGrader = awaitingGrader || response.some((text) => text.trim() !== '');
    // An empty short answer is simply wrong; a written one waits for the grader.
    const data: { correct?: boolean; points?: number } =
      grade ?? (response.some((text) => text.trim() !== '') ? {} : { correct: false, points: 0 });
    score += data.points ?? 0;
    await tx.examAnswer.upsert({
      where: { attemptId_questionId: { attemptId: attempt.id, questionId: question.id } },
      create: {
        attemptId: attempt.id,
        tenantId: attempt.tenantId,
        questionId: question.id,
        response,
        ...data,
      },
      update: data,
    });
  }
  return tx.examAttempt.update({
    where: { id: attempt.id },
    data: {
      submittedAt: new Date(),
      autoSubmitted: auto,
      status: awaitingGrader ? 'grading' : 'graded',
      ...(awaitingGrader ? {} : { score, passed: score >= passingScore }),
    },
  });
}
