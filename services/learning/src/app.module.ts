import { Module, type DynamicModule } from '@nestjs/common';
import { LearningDatabase } from './db/learning-database.js';
import { HealthHandler } from './health/health.handler.js';

import { CoursesHandler } from './courses/courses.handler.js';
import { CoursesUseCases } from './courses/courses.use-cases.js';

@Module({})
export class LearningModule {
  static register(db: LearningDatabase): DynamicModule {
    return {
      module: LearningModule,
      // One handler class per resource (and the service's health).
      controllers: [CoursesHandler, HealthHandler],
      providers: [
        { provide: CoursesUseCases, useValue: new CoursesUseCases(db) },
        { provide: LearningDatabase, useValue: db },
      ],
    };
  }
}
