import { create } from '@bufbuild/protobuf';
import {
  QuestionBankSchema,
  QuestionSchema,
  SortOrder,
  type AddQuestionRequest,
  type ListQuestionBanksRequest,
  type Question,
  type QuestionBank,
} from '@dangjian/contracts';
import { isUuid, NotFoundError, pageWindow, requireRole, requireTenant, Validator } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { Question as QuestionRow, QuestionBank as BankRow } from '../generated/prisma/client.js';
import { checkQuestion } from './question-rules.js';

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
    checkQuestion(request).check(isUuid(request.bankId), 'bankId', 'not_an_id').throwIfInvalid();
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
            createdBy: principal.userId,
          },
        }),
      );
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
