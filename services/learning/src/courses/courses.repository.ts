import type { Prisma } from '../generated/prisma/client.js';
import type { LearningTx } from '../db/learning-database.js';

/** 课程: the courses table's reads and writes (row-level security keeps them to the tenant); lessons are written by the use cases. */
export class CoursesRepository {
  async list(tx: LearningTx, query: { offset: number; limit: number; descending: boolean; text?: string }) {
    const where: Prisma.CourseWhereInput = query.text ? { name: { contains: query.text } } : {};
    const [rows, total] = await Promise.all([
      tx.course.findMany({
        where,
        include: { _count: { select: { lessons: true } } },
        orderBy: [{ name: query.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.course.count({ where }),
    ]);
    return { rows, total };
  }

  findById(tx: LearningTx, id: string) {
    return tx.course.findUnique({ where: { id }, include: { _count: { select: { lessons: true } } } });
  }

  create(tx: LearningTx, data: Prisma.CourseUncheckedCreateInput) {
    return tx.course.create({ data });
  }
}
