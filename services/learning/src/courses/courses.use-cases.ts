import { create } from '@bufbuild/protobuf';
import {
  CourseSchema,
  SortOrder,
  type CreateCourseRequest,
  type ListCoursesRequest,
  type Course,
} from '@dangjian/contracts';
import { NotFoundError, pageWindow, requireRole, requireTenant, Validator } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase } from '../db/learning-database.js';
import type { Course as CourseRow } from '../generated/prisma/client.js';
import { CoursesRepository } from './courses.repository.js';

const ROLES = ['tenant-admin', 'secretary'] as const;

function toCourseMessage(row: CourseRow): Course {
  return create(CourseSchema, {
    id: row.id,
    name: row.name,
    ...(row.note !== null ? { note: row.note } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** 课程: who may act comes first, then the rules, then the repository. */
export class CoursesUseCases {
  private readonly courses = new CoursesRepository();

  constructor(private readonly db: LearningDatabase) {}

  async list(request: ListCoursesRequest): Promise<{ courses: Course[]; total: number }> {
    requireRole(...ROLES);
    // The filter was validated at the edge (the gateway's resource binding).
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const { rows, total } = await this.courses.list(tx, {
        offset: skip,
        limit: take,
        descending: request.page?.sortOrder === SortOrder.DESC,
        ...(request.query ? { text: request.query } : {}),
      });
      return { courses: rows.map(toCourseMessage), total };
    });
  }

  async get(id: string): Promise<Course> {
    requireRole(...ROLES);
    return this.db.database.inRequestTenant(async (tx) => {
      const row = await this.courses.findById(tx, id);
      if (!row) throw new NotFoundError('course', id);
      return toCourseMessage(row);
    });
  }

  async create(request: CreateCourseRequest): Promise<Course> {
    const principal = requireRole(...ROLES);
    const name = request.name.trim();
    new Validator()
      .check(name.length >= 1 && name.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .check((request.note ?? '').length <= 1000, 'note', 'too_long', { max: 1000 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      toCourseMessage(
        await this.courses.create(tx, {
          id: randomUUID(),
          tenantId,
          name,
          note: request.note ?? null,
          createdBy: principal.userId,
        }),
      ),
    );
  }
}
