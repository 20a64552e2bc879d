import { create } from '@bufbuild/protobuf';
import {
  QuestionBankSchema,
  QuestionSchema,
  SortOrder,
  type AddQuestionRequest,
  type ImportQuestionsRequest,
  type ListQuestionBanksRequest,
  type Question,
  type QuestionBank,
} from '@dangjian/contracts';
import {
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  ValidationError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { Question as QuestionRow, QuestionBank as BankRow } from '../generated/prisma/client.js';
import { checkQuestion } from './question-rules.js';
import { readQuestionSheet } from './question-sheet.js';

/** A file with thousands of bad rows is refused with its first problems, enough to fix the pattern. */
const MAX_IMPORT_PROBLEMS = 500;

export const LEARNING_AUTHORS = ['tenant-admin', 'secretary'] as const;

export function toQuestionMessage(row: QuestionRow): Question {
  return create(QuestionSchema, {
    id: row.id,
    bankId: row.bankId,
    category: row.category,
    kind: row.kind,
    stem: row.stem,
    options: row.options,
    answer: row.answer,
    rubric: row.rubric,
    points: row.points,
    explanation: row.explanation,
  });
}

/** Banks as shown, each with its categories and counts: one query for a whole page. */
async function bankMessages(tx: LearningTx, rows: BankRow[]): Promise<QuestionBank[]> {
  const groups = await tx.question.groupBy({
    by: ['bankId', 'category'],
    where: { bankId: { in: rows.map((row) => row.id) } },
    _count: { _all: true },
    orderBy: [{ bankId: 'asc' }, { category: 'asc' }],
  });
  return rows.map((row) => {
    const categories = groups.filter((g) => g.bankId === row.id);
    return create(QuestionBankSchema, {
      id: row.id,
      name: row.name,
      questionCount: categories.reduce((sum, c) => sum + c._count._all, 0),
      categories: categories.map((c) => ({ category: c.category, count: c._count._all })),
      createdAt: row.createdAt.toISOString(),
    });
  });
}

const bankMessage = async (tx: LearningTx, row: BankRow) => (await bankMessages(tx, [row]))[0]!;

/** 题库: banks of questions in categories, written by those who build courses. */
export class QuestionBanksUseCases {
  constructor(private readonly db: LearningDatabase) {}

  async create(name: string): Promise<QuestionBank> {
    const principal = requireRole(...LEARNING_AUTHORS);
    const trimmed = name.trim();
    new Validator()
      .check(trimmed.length >= 1 && trimmed.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      bankMessage(
        tx,
        await tx.questionBank.create({
          data: { id: randomUUID(), tenantId, name: trimmed, createdBy: principal.userId },
        }),
      ),
    );
  }

  async get(id: string): Promise<QuestionBank> {
    requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => bankMessage(tx, await this.findBank(tx, id)));
  }

  async list(request: ListQuestionBanksRequest): Promise<{ questionBanks: QuestionBank[]; total: number }> {
    requireRole(...LEARNING_AUTHORS);
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const where = request.query ? { name: { contains: request.query } } : {};
      const [rows, total] = await Promise.all([
        tx.questionBank.findMany({
          where,
          orderBy: [{ name: request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc' }, { id: 'asc' }],
          skip,
          take,
        }),
        tx.questionBank.count({ where }),
      ]);
      return { questionBanks: await bankMessages(tx, rows), total };
    });
  }

  async addQuestion(request: AddQuestionRequest): Promise<Question> {
    const principal = requireRole(...LEARNING_AUTHORS);
    checkQuestion(request)
      .check(isUuid(request.bankId), 'bankId', 'not_an_id')
      .check(request.explanation.length <= 2000, 'explanation', 'too_long', { max: 2000 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const bank = await this.findBank(tx, request.bankId);
      return toQuestionMessage(
        await tx.question.create({
          data: {
            id: randomUUID(),
            tenantId,
            bankId: bank.id,
            category: request.category.trim(),
            kind: request.kind,
            stem: request.stem.trim(),
            options: request.options.map((o) => o.trim()),
            answer: request.answer.map((a) => a.trim()),
            rubric: request.rubric.trim(),
            points: request.points,
            explanation: request.explanation.trim(),
            createdBy: principal.userId,
          },
        }),
      );
    });
  }

  /**
   * 批量导入试题: every row of the sheet is checked — and against the bank, so importing a file twice
   * adds nothing twice — then all are added in one transaction, or none.
   */
  async importQuestions(
    request: ImportQuestionsRequest,
  ): Promise<{ imported: number; questionBank: QuestionBank }> {
    const principal = requireRole(...LEARNING_AUTHORS);
    new Validator().check(isUuid(request.bankId), 'bankId', 'not_an_id').throwIfInvalid();
    const { questions, problems } = readQuestionSheet(request.rows.map((row) => row.cells));
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const bank = await this.findBank(tx, request.bankId);
      const held = await tx.question.findMany({
        where: { bankId: bank.id, stem: { in: questions.map((q) => q.stem) } },
        select: { kind: true, stem: true },
      });
      const heldKeys = new Set(held.map((q) => `${q.kind}\u0000${q.stem}`));
      for (const q of questions) {
        problems.check(!heldKeys.has(`${q.kind}\u0000${q.stem}`), q.stemField, 'already_in_bank');
      }
      if (problems.found.length > 0) throw new ValidationError(problems.found.slice(0, MAX_IMPORT_PROBLEMS));
      await tx.question.createMany({
        data: questions.map((q) => ({
          id: randomUUID(),
          tenantId,
          bankId: bank.id,
          category: q.category.trim(),
          kind: q.kind,
          stem: q.stem,
          options: q.options,
          answer: q.answer.map((a) => a.trim()),
          rubric: q.rubric,
          points: q.points,
          explanation: q.explanation,
          createdBy: principal.userId,
        })),
      });
      return { imported: questions.length, questionBank: await bankMessage(tx, bank) };
    });
  }

  async questions(bankId: string): Promise<Question[]> {
    requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => {
      const bank = await this.findBank(tx, bankId);
      const rows = await tx.question.findMany({
        where: { bankId: bank.id },
        orderBy: [{ category: 'asc' }, { createdAt: 'asc' }],
      });
      return rows.map(toQuestionMessage);
    });
  }

  private async findBank(tx: LearningTx, id: string): Promise<BankRow> {
    const row = isUuid(id) ? await tx.questionBank.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundError('question bank', id);
    return row;
  }
}
