import { TrainingEvidenceService, type GetTrainingEvidenceRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { TrainingEvidenceUseCases } from './training-evidence.js';

/** The training evidence the organisation service reads: one line. */
@Controller()
export class TrainingEvidenceHandler implements RpcHandlers<typeof TrainingEvidenceService> {
  constructor(@Inject(TrainingEvidenceUseCases) private readonly evidence: TrainingEvidenceUseCases) {}

  @RpcMethod(TrainingEvidenceService.method.getTrainingEvidence)
  getTrainingEvidence(request: GetTrainingEvidenceRequest) {
    return this.evidence.of(request);
  }
}
