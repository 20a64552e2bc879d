import { MAX_QUESTION_IMPORT_ROWS } from '@dangjian/contracts';
import { Validator } from '@dangjian/kit';
import { checkQuestion, type QuestionInput, type QuestionKind } from './question-rules.js';

/*
 * The spreadsheet layout of question banks in Chinese exam systems (考试星, 问卷星 and the party-school
 * systems that copy them): one question per row, the kind in words, choices in 选项A…选项H and the
 * answer as letters. The README's "Importing questions" documents these columns.
 */

const OPTION_LETTERS = 'ABCDEFGH';

/** Each column's canonical name and the headers it is known by (the first is the template's). */
const COLUMNS = {
  kind: ['题型', '题目类型', '类型'],
  stem: ['题干', '题目', '题目内容', '试题内容'],
  answer: ['答案', '正确答案', '参考答案', '标准答案'],
  points: ['分值', '分数'],
  category: ['分类', '题目分类', '类别', '知识点', '章节'],
  rubric: ['评分标准'],
  explanation: ['解析', '答案解析', '试题解析'],
  ...Object.fromEntries([...OPTION_LETTERS].map((letter) => [`option${letter}`, [`选项${letter}`, letter]])),
} as Record<string, string[]>;

const KIND_WORDS: Record<string, QuestionKind> = {
  单选: 'single_choice',
  单选题: 'single_choice',
  单项选择: 'single_choice',
  单项选择题: 'single_choice',
  多选: 'multiple_choice',
  多选题: 'multiple_choice',
  多项选择: 'multiple_choice',
  多项选择题: 'multiple_choice',
  不定项选择题: 'multiple_choice',
  判断: 'true_false',
  判断题: 'true_false',
  填空: 'fill_blank',
  填空题: 'fill_blank',
  简答: 'short_answer',
  简答题: 'short_answer',
  问答题: 'short_answer',
  论述题: 'short_answer',
  single_choice: 'single_choice',
  multiple_choice: 'multiple_choice',
  true_false: 'true_false',
  fill_blank: 'fill_blank',
  short_answer: 'short_answer',
};

const TRUE_WORDS = ['正确', '对', '是', '√', 't', 'true', 'y'];
const FALSE_WORDS = ['错误', '错', '否', '×', 'x', 'f', 'false', 'n'];

export interface SheetQuestion extends QuestionInput {
  explanation: string;
  /** The row's number in the file (the header is row 1), for problems. */
  row: number;
  /** The field naming this row's stem in a problem, as the file heads it. */
  stemField: string;
}

/** Column index by canonical name; unknown or repeated headers are problems of the header row. */
function readHeader(header: string[], problems: Validator): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((cell, index) => {
    const text = cell.trim().replace(/\s+/g, '');
    if (!text) return;
    const name = Object.keys(COLUMNS).find((key) => COLUMNS[key]!.includes(text.toUpperCase()));
    if (!name) problems.check(false, `rows[1].${cell.trim()}`, 'unknown_column');
    else if (columns.has(name)) problems.check(false, `rows[1].${cell.trim()}`, 'duplicate_column');
    else columns.set(name, index);
  });
  for (const name of ['kind', 'stem', 'answer'])
    problems.check(columns.has(name), `rows[1].${COLUMNS[name]![0]}`, 'row_required');
  return columns;
}

/** Choice letters ("ABD", "A,C", "a、b") as option indexes; undefined when anything else is there. */
function letterIndexes(text: string): string[] | undefined {
  const letters = text.toUpperCase().replace(/[\s,，、;；]/g, '');
  if (!/^[A-H]+$/.test(letters)) return undefined;
  return [...letters].map((letter) => String(OPTION_LETTERS.indexOf(letter)));
}

/**
 * The questions of a sheet (header row first) with every problem, each named by its row and its
 * column as the file heads it, e.g. `rows[7].答案`. Blank rows are skipped.
 */
export function readQuestionSheet(rows: string[][]): { questions: SheetQuestion[]; problems: Validator } {
  const problems = new Validator();
  const [header = [], ...body] = rows;
  const columns = readHeader(header, problems);
  const headerOf = (name: string) => header[columns.get(name) ?? -1]?.trim() || COLUMNS[name]![0]!;
  const questions: SheetQuestion[] = [];
  const dataRows = body.filter((cells) => cells.some((cell) => cell.trim() !== ''));
  problems.check(dataRows.length >= 1, 'rows', 'too_few', { min: 1 });
  problems.check(dataRows.length <= MAX_QUESTION_IMPORT_ROWS, 'rows', 'too_many', {
    max: MAX_QUESTION_IMPORT_ROWS,
  });
  if (problems.found.length > 0) return { questions, problems };

  const seen = new Map<string, number>();
  body.forEach((cells, offset) => {
    if (!cells.some((cell) => cell.trim() !== '')) return;
    const row = offset + 2;
    const at = (name: string) => `rows[${row}].${headerOf(name)}`;
    const cell = (name: string) => (columns.has(name) ? (cells[columns.get(name)!] ?? '').trim() : '');
    const kind = KIND_WORDS[cell('kind').replace(/\s+/g, '')];
    if (!kind) {
      problems.check(false, at('kind'), 'not_one_of', { allowed: '单选题、多选题、判断题、填空题、简答题' });
      return;
    }
    const letters = [...OPTION_LETTERS].map((l) => cell(`option${l}`));
    const last = letters.reduce((end, text, i) => (text ? i + 1 : end), 0);
    const isChoice = kind === 'single_choice' || kind === 'multiple_choice';
    const gap = letters.slice(0, last).findIndex((text) => !text);
    if (isChoice && gap >= 0) {
      problems.check(false, at(`option${OPTION_LETTERS[gap]}`), 'row_required');
      return;
    }
    const options = isChoice ? letters.slice(0, last) : [];
    const answerText = cell('answer');
    let answer: string[] | undefined;
    let rubric = cell('rubric');
    switch (kind) {
      case 'single_choice':
      case 'multiple_choice':
        answer = letterIndexes(answerText);
        break;
      case 'true_false': {
        const word = answerText.toLowerCase();
        answer = TRUE_WORDS.includes(word) ? ['true'] : FALSE_WORDS.includes(word) ? ['false'] : undefined;
        break;
      }
      case 'fill_blank':
        // Blanks separated by ；or ; — the accepted alternatives of one blank by |.
        answer = answerText ? answerText.split(/[;；]/).map((blank) => blank.trim()) : undefined;
        break;
      case 'short_answer':
        // A reference answer is kept as part of what the grader reads.
        answer = [];
        rubric = [rubric, answerText && `参考答案：${answerText}`].filter(Boolean).join('\n');
        break;
    }
    if (!answer) {
      problems.check(false, at('answer'), 'answer_shape', { kind });
      return;
    }
    const pointsText = cell('points');
    const question: SheetQuestion = {
      row,
      stemField: at('stem'),
      kind,
      stem: cell('stem'),
      options,
      answer,
      rubric,
      category: cell('category') || '未分类',
      points: pointsText === '' ? 1 : Number(pointsText),
      explanation: cell('explanation'),
    };
    const before = problems.found.length;
    // The question's own rules, each problem renamed to the column the file heads it with.
    for (const problem of checkQuestion(question).found) {
      const name = problem.field === 'options' ? 'optionA' : problem.field;
      problems.add({ ...problem, field: at(name) });
    }
    problems.check(question.explanation.length <= 2000, at('explanation'), 'too_long', { max: 2000 });
    const key = `${kind}\u0000${question.stem.replace(/\s+/g, '')}`;
    const earlier = seen.get(key);
    problems.check(earlier === undefined, at('stem'), 'duplicate_question_in_file', { row: earlier ?? 0 });
    seen.set(key, row);
    if (problems.found.length === before) questions.push(question);
  });
  return { questions, problems };
}
