import { randomInt } from 'node:crypto';

/** One question of a member's paper: which, and the order its options are shown in. */
export interface PaperEntry {
  questionId: string;
  optionOrder: number[];
  /** The question's kind and blanks, kept so an answer is checked without reading the question. */
  kind?: string;
  blanks?: number;
}

interface DrawableQuestion {
  id: string;
  category: string;
  kind: string;
  options: string[];
  answer: string[];
}

/** A fair shuffle (Fisher–Yates with the platform's CSPRNG: a member cannot predict the order). */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * A member's paper: the fixed questions in their order, or K drawn at random from each category; each
 * choice question's options shuffled when the exam says so. Stored with the attempt, so a refresh or an
 * audit shows exactly this paper.
 */
export function drawPaper(
  exam: {
    paperKind: string;
    questionIds: string[];
    draw: { category: string; count: number }[];
    shuffleOptions: boolean;
  },
  questions: DrawableQuestion[],
): PaperEntry[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const chosen =
    exam.paperKind === 'fixed'
      ? exam.questionIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
      : exam.draw.flatMap((rule) =>
          shuffled(questions.filter((q) => q.category === rule.category)).slice(0, rule.count),
        );
  return chosen.map((q) => {
    const order = q.options.map((_, i) => i);
    return {
      questionId: q.id,
      optionOrder: exam.shuffleOptions ? shuffled(order) : order,
      kind: q.kind,
      blanks: q.kind === 'fill_blank' ? q.answer.length : 0,
    };
  });
}
