import { CourseService, LessonSchema } from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { AddLessonDto, CoursePublicationDto, CreateCourseDto } from './course.dto.js';

const ACCESS = { tenant: ['tenant-admin', 'secretary'], module: 'learning' } as const;

/** 课程 (courses). */
export const CoursesResource = bindResource({
  path: 'courses',
  routes: {
    list: list({
      rpc: CourseService.method.listCourses,
      summary: 'The tenant’s courses',
      access: ACCESS,
      sort: ['name'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => ({ query: q }),
      items: 'courses',
      filterExample: '{"q":"…"}',
    }),
    get: call({
      rpc: CourseService.method.getCourse,
      method: 'GET',
      path: ':id',
      summary: 'One course',
      access: ACCESS,
      reply: 'course',
    }),
    create: call({
      rpc: CourseService.method.createCourse,
      method: 'POST',
      summary: 'Add a course',
      access: ACCESS,
      body: CreateCourseDto,
      request: ({ body }) => ({ ...body, tags: body.tags ?? [] }),
      reply: 'course',
    }),
    lessons: call({
      rpc: CourseService.method.listLessons,
      method: 'GET',
      path: ':id/lessons',
      summary: 'A course’s lessons, in order',
      access: ACCESS,
      request: ({ params }) => ({ courseId: params['id'] }),
      reply: ({ lessons }) => lessons.map((lesson) => toJson(LessonSchema, lesson)),
    }),
    addLesson: call({
      rpc: CourseService.method.addLesson,
      method: 'POST',
      path: ':id/lessons',
      summary:
        'Add a lesson at the end of a course: an article, or a video, audio or document uploaded first',
      access: ACCESS,
      body: AddLessonDto,
      request: ({ params, body }) => ({
        courseId: params['id'],
        kind: body.kind,
        title: body.title,
        body: body.body ?? '',
        mediaUploadId: body.mediaUploadId ?? '',
        studyMinutes: body.studyMinutes ?? 0,
        minDwellSeconds: body.minDwellSeconds,
      }),
      reply: 'lesson',
    }),
    publication: call({
      rpc: CourseService.method.setCoursePublication,
      method: 'PUT',
      path: ':id/publication',
      summary: 'Publish a platform catalogue course to every tenant, or take it back (platform operators)',
      description:
        'Only in the platform catalogue (X-Tenant: platform-catalogue, decision 0031); a published course is read by every tenant with learning and changed only in the catalogue.',
      access: ACCESS,
      body: CoursePublicationDto,
      request: ({ params, body }) => ({ id: params['id'], published: body.published }),
      reply: 'course',
    }),
  },
});
