import { Validator } from '@dangjian/kit';

export const QUESTION_KINDS = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
  'short_answer',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionInput {
  category: string;
  kind: string;
  stem: string;
  options: string[];
  answer: string[];
  rubric: string;
  points: number;
}

const isChoice = (kind: string) => kind === 'single_choice' || kind === 'multiple_choice';

/** Every problem of a question as written (by hand or from a spreadsheet row), each by its field. */
export function checkQuestion(input: QuestionInput, prefix = ''): Validator {
  const field = (name: string) => `${prefix}${name}`;
  const kind = input.kind;
  const indexes = input.answer.map(Number);
  const validIndexes =
    indexes.every(
      (i, n) => Number.isInteger(i) && String(i) === input.answer[n] && i >= 0 && i < input.options.length,
    ) && new Set(indexes).size === indexes.length;
  return new Validator()
    .check(
      input.category.trim().length >= 1 && input.category.length <= 20,
      field('category'),
      'length_between',
      {
        min: 1,
        max: 20,
      },
    )
    .check((QUESTION_KINDS as readonly string[]).includes(kind), field('kind'), 'not_one_of', {
      allowed: QUESTION_KINDS.join(', '),
    })
    .check(input.stem.trim().length >= 1 && input.stem.length <= 2000, field('stem'), 'length_between', {
      min: 1,
      max: 2000,
    })
    .check(
      isChoice(kind)
        ? input.options.length >= 2 &&
            input.options.length <= 8 &&
            input.options.every((o) => o.trim().length >= 1 && o.length <= 500)
        : input.options.length === 0,
      field('options'),
      isChoice(kind) ? 'number_between' : 'too_many',
      isChoice(kind) ? { min: 2, max: 8 } : { max: 0 },
    )
    .check(
      kind === 'single_choice'
        ? input.answer.length === 1 && validIndexes
        : kind === 'multiple_choice'
          ? input.answer.length >= 1 && validIndexes
          : kind === 'true_false'
            ? input.answer.length === 1 && ['true', 'false'].includes(input.answer[0]!)
            : kind === 'fill_blank'
              ? input.answer.length >= 1 &&
                input.answer.length <= 10 &&
                input.answer.every((a) =>
                  a.split('|').every((alt) => alt.trim().length >= 1 && alt.length <= 200),
                )
              : input.answer.length === 0,
      field('answer'),
      'answer_shape',
      { kind },
    )
    .check(
      kind !== 'short_answer' || (input.rubric.trim().length >= 1 && input.rubric.length <= 2000),
      field('rubric'),
      'length_between',
      {
        min: 1,
        max: 2000,
      },
    )
    .check(
      Number.isInteger(input.points) && input.points >= 1 && input.points <= 100,
      field('points'),
      'number_between',
      {
        min: 1,
        max: 100,
      },
    );
}

const normalise = (text: string) => text.trim().replace(/\s+/g, '').toLowerCase();

/**
 * Grades an objective answer: right or wrong, full points or none (a multiple choice is right only
 * with exactly the right options, the usual rule of party-knowledge tests). A short answer is left
 * for a grader (undefined).
 */
export function gradeObjective(
  question: { kind: string; answer: string[]; points: number },
  response: string[],
): { correct: boolean; points: number } | undefined {
  let correct: boolean;
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice':
    case 'true_false':
      correct =
        response.length === question.answer.length &&
        [...response].sort().join(',') === [...question.answer].sort().join(',');
      break;
    case 'fill_blank':
      correct =
        response.length === question.answer.length &&
        question.answer.every((accepted, i) =>
          accepted.split('|').some((alt) => normalise(alt) === normalise(response[i] ?? '')),
        );
      break;
    default:
      return undefined;
  }
  return { correct, points: correct ? question.points : 0 };
}
