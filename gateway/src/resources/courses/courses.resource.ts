import { CourseService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { CreateCourseDto } from './course.dto.js';

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
      reply: 'course',
    }),
  },
});
