import { create } from '@bufbuild/protobuf';
import {
  AddLessonRequestSchema,
  AddQuestionRequestSchema,
  CreateCourseRequestSchema,
  CreateExamRequestSchema,
  CreateStudyPlanRequestSchema,
  OrganisationTreeService,
  PrincipalSchema,
  PutMediaChunkRequestSchema,
  StartMediaUploadRequestSchema,
  TenantContextSchema,
  TenantService,
  PLATFORM_CATALOGUE,
  SetCoursePublicationRequestSchema,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  databaseConfig,
  env,
  loadConfigOrExit,
  RpcClient,
  runInContext,
  sharedConfig,
  type RequestContext,
} from '@dangjian/kit';
import { readFileSync } from 'node:fs';
import { CoursesUseCases } from '../courses/courses.use-cases.js';
import { LearningDatabase } from '../db/learning-database.js';
import { ExamsUseCases } from '../exams/exams.use-cases.js';
import { PostgresMediaStore } from '../media/media-store.js';
import { MediaUseCases } from '../media/media.use-cases.js';
import { QuestionBanksUseCases } from '../question-banks/question-banks.use-cases.js';
import { Roster } from '../study-plans/roster.js';
import { RosterCopy } from '../study-plans/roster-copy.js';
import { StudyPlansUseCases } from '../study-plans/study-plans.use-cases.js';
import { CATALOGUE_COURSE, DEMO_COURSE, DEMO_QUESTIONS } from '../seed/demo-learning.js';

// The demo's learning (issue 16): in every tenant with the learning module and an organisation tree, a
// course with a lesson of each kind (media shipped in seed-media/), a question bank, an exam and a plan
// for the whole tree — through the same use cases as the API. Idempotent (by the course's name);
// refused in production.
const config = loadConfigOrExit(
  {
    DATABASE_URL: databaseConfig.DATABASE_URL,
    NATS_URL: sharedConfig.NATS_URL,
    PLATFORM_NAMESPACE: sharedConfig.PLATFORM_NAMESPACE,
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  },
  'learning seed',
);
if (config.NODE_ENV === 'production') {
  process.stderr.write('learning seed: the demo seed is refused in production\n');
  process.exit(1);
}
const media = new URL('../../seed-media/', import.meta.url);
const db = new LearningDatabase(config.DATABASE_URL);
const rpc = new RpcClient({ url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE }, 10_000);
const principal = create(PrincipalSchema, {
  userId: 'demo-seed',
  username: 'demo-seed',
  roles: ['tenant-admin'],
});
try {
  await rpc.connect();
  const operator: RequestContext = {
    requestId: 'demo-seed',
    principal: create(PrincipalSchema, { userId: 'demo-seed', platformOperator: true }),
  };
  const { tenants } = await runInContext(operator, () =>
    rpc.call(TenantService.method.listTenants, { page: { offset: 0, limit: 100 } }),
  );
  await runInContext(
    {
      requestId: 'demo-seed',
      tenant: create(TenantContextSchema, {
        tenantId: PLATFORM_CATALOGUE.tenantId,
        slug: PLATFORM_CATALOGUE.slug,
      }),
      principal: create(PrincipalSchema, { userId: 'demo-seed', platformOperator: true }),
    },
    () => seedCatalogue(),
  );
  let seeded = 0;
  for (const tenant of tenants.filter(
    (t) => t.modules.includes('learning') && t.id !== PLATFORM_CATALOGUE.tenantId,
  )) {
    const context: RequestContext = {
      requestId: 'demo-seed',
      tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
      principal,
    };
    if (await runInContext(context, () => seedTenant())) seeded++;
  }
  process.stdout.write(`learning: demo courses, exams and plans in place (${seeded} tenants seeded now)\n`);
} finally {
  await rpc.close();
  await db.close();
}

/** The platform catalogue's demo course, published to every tenant (once). */
async function seedCatalogue(): Promise<void> {
  const courses = new CoursesUseCases(db);
  const existing = await db.database.inRequestTenant((tx) =>
    tx.course.findFirst({ where: { name: CATALOGUE_COURSE.name } }),
  );
  if (existing) return;
  const course = await courses.create(
    create(CreateCourseRequestSchema, {
      name: CATALOGUE_COURSE.name,
      note: CATALOGUE_COURSE.note,
      tags: [...CATALOGUE_COURSE.tags],
    }),
  );
  for (const lesson of CATALOGUE_COURSE.lessons)
    await courses.addLesson(
      create(AddLessonRequestSchema, { courseId: course.id, kind: 'article', ...lesson }),
    );
  await courses.setPublication(create(SetCoursePublicationRequestSchema, { id: course.id, published: true }));
}

async function seedTenant(): Promise<boolean> {
  const courses = new CoursesUseCases(db);
  const existing = await db.database.inRequestTenant((tx) =>
    tx.course.findFirst({ where: { name: DEMO_COURSE.name } }),
  );
  if (existing) return false;
  const { organisations } = await rpc.call(OrganisationTreeService.method.listOrganisations, {
    rootsOnly: true,
    page: { offset: 0, limit: 1 },
  });
  const root = organisations[0];
  if (!root) return false;
  const course = await courses.create(
    create(CreateCourseRequestSchema, {
      name: DEMO_COURSE.name,
      note: DEMO_COURSE.note,
      tags: [...DEMO_COURSE.tags],
    }),
  );
  const uploads = new MediaUseCases(db, new PostgresMediaStore());
  for (const lesson of DEMO_COURSE.lessons) {
    let mediaUploadId = '';
    if (lesson.file) {
      const bytes = readFileSync(new URL(lesson.file, media));
      let upload = await uploads.start(
        create(StartMediaUploadRequestSchema, {
          kind: lesson.kind,
          fileName: lesson.file,
          sizeBytes: BigInt(bytes.length),
        }),
      );
      for (let index = 0; index < upload.chunkCount; index++) {
        upload = await uploads.putChunk(
          create(PutMediaChunkRequestSchema, {
            uploadId: upload.id,
            index,
            content: bytes.subarray(index * upload.chunkBytes, (index + 1) * upload.chunkBytes),
          }),
        );
      }
      mediaUploadId = upload.id;
    }
    await courses.addLesson(
      create(AddLessonRequestSchema, {
        courseId: course.id,
        kind: lesson.kind,
        title: lesson.title,
        body: lesson.body,
        mediaUploadId,
        studyMinutes: lesson.studyMinutes,
        minDwellSeconds: lesson.minDwellSeconds,
      }),
    );
  }
  const banks = new QuestionBanksUseCases(db);
  const bank = await banks.create('党章党规知识题库');
  for (const question of DEMO_QUESTIONS)
    await banks.addQuestion(create(AddQuestionRequestSchema, { bankId: bank.id, rubric: '', ...question }));
  const today = chinaToday();
  const exam = await new ExamsUseCases(db).create(
    create(CreateExamRequestSchema, {
      name: '党章党规知识测试',
      bankId: bank.id,
      paperKind: 'random',
      draw: [
        { category: '党章', count: 3 },
        { category: '党史', count: 2 },
      ],
      shuffleOptions: true,
      timeLimitMinutes: 20,
      passingScore: 60,
      maxAttempts: 3,
      retakeDelayMinutes: 10,
      opensAt: new Date(`${today}T00:00:00+08:00`).toISOString(),
      closesAt: new Date(`${addDays(today, 60)}T23:59:00+08:00`).toISOString(),
    }),
  );
  await new StudyPlansUseCases(db, new Roster(rpc), new RosterCopy(db, rpc)).create(
    create(CreateStudyPlanRequestSchema, {
      name: '党员集中学习（演示）',
      organisationId: root.id,
      audience: 'all',
      startsOn: today,
      endsOn: addDays(today, 60),
      requiredMinutes: 90,
      courseIds: [course.id],
      examId: exam.id,
    }),
  );
  return true;
}
