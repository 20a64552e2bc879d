import { create } from '@bufbuild/protobuf';
import {
  CourseSchema,
  LessonSchema,
  SortOrder,
  type AddLessonRequest,
  type Lesson,
  type CreateCourseRequest,
  type ListCoursesRequest,
  type Course,
  type SetCoursePublicationRequest,
  PLATFORM_CATALOGUE,
} from '@dangjian/contracts';
import {
  isUuid,
  NotFoundError,
  pageWindow,
  requirePlatformOperator,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { Course as CourseRow, Lesson as LessonRow } from '../generated/prisma/client.js';
import { CoursesRepository } from './courses.repository.js';

const ROLES = ['tenant-admin', 'secretary'] as const;

export const LESSON_KINDS = ['article', 'video', 'audio', 'document'] as const;

/** By default a lesson counts as studied after four fifths of its study minutes of active time. */
const defaultMinDwell = (studyMinutes: number) => Math.round(studyMinutes * 60 * 0.8);

export type LessonWithMedia = LessonRow & { media?: { contentType: string; sizeBytes: bigint } | null };

export function toLessonMessage(row: LessonWithMedia): Lesson {
  return create(LessonSchema, {
    id: row.id,
    courseId: row.courseId,
    position: row.position,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    mediaId: row.mediaId ?? '',
    contentType: row.media?.contentType ?? '',
    sizeBytes: row.media?.sizeBytes ?? 0n,
    studyMinutes: row.studyMinutes,
    minDwellSeconds: row.minDwellSeconds,
  });
}

/** A course's lessons in order, each with its media's type and size. */
export async function lessonsOf(tx: LearningTx, courseId: string): Promise<LessonWithMedia[]> {
  const rows = await tx.lesson.findMany({ where: { courseId }, orderBy: { position: 'asc' } });
  const media = await tx.media.findMany({
    where: { id: { in: rows.flatMap((row) => (row.mediaId ? [row.mediaId] : [])) } },
    select: { id: true, contentType: true, sizeBytes: true },
  });
  const byId = new Map(media.map((m) => [m.id, m]));
  return rows.map((row) => ({ ...row, media: row.mediaId ? byId.get(row.mediaId) : null }));
}

export function toCourseMessage(row: CourseRow & { _count?: { lessons: number } }): Course {
  return create(CourseSchema, {
    id: row.id,
    name: row.name,
    tags: row.tags,
    lessonCount: row._count?.lessons ?? 0,
    ...(row.note !== null ? { note: row.note } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    fromPlatform: row.tenantId === PLATFORM_CATALOGUE.tenantId,
    publishedAt: row.publishedAt?.toISOString() ?? '',
  });
}

/** 课程: who may act comes first, then the rules, then the repository. */
export class CoursesUseCases {
  /** A lesson goes at the end of its course. */
  async addLesson(request: AddLessonRequest): Promise<Lesson> {
    const principal = requireRole(...ROLES);
    const title = request.title.trim();
    const article = request.kind === 'article';
    const minDwell = request.minDwellSeconds ?? defaultMinDwell(request.studyMinutes);
    new Validator()
      .check(isUuid(request.courseId), 'courseId', 'not_an_id')
      .check((LESSON_KINDS as readonly string[]).includes(request.kind), 'kind', 'not_one_of', {
        allowed: LESSON_KINDS.join(', '),
      })
      .check(title.length >= 1 && title.length <= 100, 'title', 'length_between', { min: 1, max: 100 })
      .check(
        (!article || request.body.trim().length >= 1) && request.body.length <= 100_000,
        'body',
        'length_between',
        { min: article ? 1 : 0, max: 100000 },
      )
      .check(article || isUuid(request.mediaUploadId), 'mediaUploadId', 'required')
      .check(request.studyMinutes >= 0 && request.studyMinutes <= 600, 'studyMinutes', 'number_between', {
        min: 0,
        max: 600,
      })
      .check(minDwell >= 0 && minDwell <= 36_000, 'minDwellSeconds', 'number_between', { min: 0, max: 36000 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const course = await this.courses.findById(tx, request.courseId);
      if (!course) throw new NotFoundError('course', request.courseId);
      // A catalogue course is read here; it is changed only in the catalogue.
      if (course.tenantId !== tenantId) throw new RuleViolatedError('platform-course-read-only');
      let mediaId: string | null = null;
      if (!article) {
        const upload = await tx.mediaUpload.findUnique({ where: { id: request.mediaUploadId } });
        if (!upload?.mediaId || upload.kind !== request.kind)
          throw ValidationError.of('mediaUploadId', 'upload_incomplete');
        mediaId = upload.mediaId;
      }
      // Two lessons added at once take the next positions one after the other.
      await tx.$queryRawUnsafe('select 1 from courses where id = $1::uuid for update', course.id);
      const last = await tx.lesson.aggregate({ where: { courseId: course.id }, _max: { position: true } });
      const row = await tx.lesson.create({
        data: {
          id: randomUUID(),
          tenantId,
          courseId: course.id,
          position: (last._max.position ?? 0) + 1,
          kind: request.kind,
          title,
          body: request.body,
          mediaId,
          studyMinutes: request.studyMinutes,
          minDwellSeconds: minDwell,
          createdBy: principal.userId,
        },
      });
      const media = mediaId
        ? await tx.media.findUnique({
            where: { id: mediaId },
            select: { contentType: true, sizeBytes: true },
          })
        : null;
      return toLessonMessage({ ...row, media });
    });
  }

  async lessons(courseId: string): Promise<Lesson[]> {
    requireRole(...ROLES);
    return this.db.database.inRequestTenant(async (tx) => {
      const course = isUuid(courseId) ? await this.courses.findById(tx, courseId) : null;
      if (!course) throw new NotFoundError('course', courseId);
      return (await lessonsOf(tx, courseId)).map(toLessonMessage);
    });
  }

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

  /** Publishes a catalogue course to every tenant with learning, or takes it back. */
  async setPublication(request: SetCoursePublicationRequest): Promise<Course> {
    requirePlatformOperator();
    const tenantId = requireTenant();
    if (tenantId !== PLATFORM_CATALOGUE.tenantId) throw new RuleViolatedError('catalogue-publication');
    return this.db.database.inTenant(tenantId, async (tx) => {
      const course = isUuid(request.id) ? await this.courses.findById(tx, request.id) : null;
      if (!course) throw new NotFoundError('course', request.id);
      const published = request.published ? (course.publishedAt ?? new Date()) : null;
      await tx.course.update({ where: { id: course.id }, data: { publishedAt: published } });
      return toCourseMessage({ ...course, publishedAt: published });
    });
  }

  async create(request: CreateCourseRequest): Promise<Course> {
    const principal = requireRole(...ROLES);
    const name = request.name.trim();
    new Validator()
      .check(name.length >= 1 && name.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .check((request.note ?? '').length <= 1000, 'note', 'too_long', { max: 1000 })
      .check(
        request.tags.length <= 10 && request.tags.every((tag) => tag.trim().length >= 1 && tag.length <= 20),
        'tags',
        'too_many',
        { max: 10 },
      )
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      toCourseMessage(
        await this.courses.create(tx, {
          id: randomUUID(),
          tenantId,
          name,
          note: request.note ?? null,
          tags: [...new Set(request.tags.map((tag) => tag.trim()))],
          createdBy: principal.userId,
        }),
      ),
    );
  }
}
