import { create } from '@bufbuild/protobuf';
import {
  GetTrainingEvidenceResponseSchema,
  type GetTrainingEvidenceRequest,
  type GetTrainingEvidenceResponse,
} from '@dangjian/contracts';
import { isUuid, requireRole, Validator } from '@dangjian/kit';
import type { LearningDatabase } from '../db/learning-database.js';

/**
 * 培训证明: whether a person passed a training exam, and the training's length — what the organisation
 * service reads when a development step names the exam as its evidence (rules.md §3). Asked with the
 * caller's context: those who record development steps, in their own tenant.
 */
export class TrainingEvidenceUseCases {
  constructor(private readonly db: LearningDatabase) {}

  async of(request: GetTrainingEvidenceRequest): Promise<GetTrainingEvidenceResponse> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.examId), 'trainingExamId', 'not_an_id')
      .check(isUuid(request.userId), 'userId', 'not_an_id')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const exam = await tx.exam.findUnique({ where: { id: request.examId } });
      if (!exam || (exam.trainingClassHours === 0 && exam.trainingDays === 0))
        return create(GetTrainingEvidenceResponseSchema, { found: false });
      const pass = await tx.examAttempt.findFirst({
        where: { examId: exam.id, userId: request.userId, passed: true },
        orderBy: { submittedAt: 'asc' },
      });
      return create(GetTrainingEvidenceResponseSchema, {
        found: true,
        examName: exam.name,
        classHours: exam.trainingClassHours,
        days: exam.trainingDays,
        passed: pass !== null,
        passedAt: pass?.submittedAt?.toISOString() ?? '',
      });
    });
  }
}
