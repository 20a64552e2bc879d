import { TrainingEvidenceService, type GetTrainingEvidenceResponse } from '@dangjian/contracts';
import type { RpcClient } from '@dangjian/kit';

/**
 * A training exam's pass, read from the learning service over the bus with the caller's context: the
 * evidence of training a development step needs (rules.md §3), so its hours are never retyped.
 */
export class TrainingEvidenceReader {
  constructor(private readonly rpc: RpcClient) {}

  read(examId: string, userId: string): Promise<GetTrainingEvidenceResponse> {
    return this.rpc.call(TrainingEvidenceService.method.getTrainingEvidence, { examId, userId });
  }
}
