import { CourseService } from '@dangjian/contracts';
import type {
  AddLessonRequest,
  CreateCourseRequest,
  GetCourseRequest,
  ListCoursesRequest,
  ListLessonsRequest,
  SetCoursePublicationRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { CoursesUseCases } from './courses.use-cases.js';

/** 课程's RPCs: one line each. */
@Controller()
export class CoursesHandler implements RpcHandlers<typeof CourseService> {
  constructor(@Inject(CoursesUseCases) private readonly courses: CoursesUseCases) {}

  @RpcMethod(CourseService.method.listCourses)
  listCourses(request: ListCoursesRequest) {
    return this.courses.list(request);
  }

  @RpcMethod(CourseService.method.getCourse)
  async getCourse(request: GetCourseRequest) {
    return { course: await this.courses.get(request.id) };
  }

  @RpcMethod(CourseService.method.addLesson)
  async addLesson(request: AddLessonRequest) {
    return { lesson: await this.courses.addLesson(request) };
  }

  @RpcMethod(CourseService.method.listLessons)
  async listLessons(request: ListLessonsRequest) {
    return { lessons: await this.courses.lessons(request.courseId) };
  }

  @RpcMethod(CourseService.method.setCoursePublication)
  async setCoursePublication(request: SetCoursePublicationRequest) {
    return { course: await this.courses.setPublication(request) };
  }

  @RpcMethod(CourseService.method.createCourse)
  async createCourse(request: CreateCourseRequest) {
    return { course: await this.courses.create(request) };
  }
}
