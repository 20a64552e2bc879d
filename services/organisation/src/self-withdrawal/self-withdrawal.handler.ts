import { SelfWithdrawalService } from '@dangjian/contracts';
import type {
  CloseWithdrawalCaseRequest,
  ListWithdrawalCasesRequest,
  RunWithdrawalCheckRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { SelfWithdrawalUseCases } from './self-withdrawal.use-cases.js';

/** Self-withdrawal cases' RPCs. */
@Controller()
export class SelfWithdrawalHandler implements RpcHandlers<typeof SelfWithdrawalService> {
  constructor(@Inject(SelfWithdrawalUseCases) private readonly withdrawal: SelfWithdrawalUseCases) {}

  @RpcMethod(SelfWithdrawalService.method.runWithdrawalCheck)
  runWithdrawalCheck(_request: RunWithdrawalCheckRequest) {
    return this.withdrawal.run();
  }

  @RpcMethod(SelfWithdrawalService.method.listWithdrawalCases)
  listWithdrawalCases(request: ListWithdrawalCasesRequest) {
    return this.withdrawal.list(request);
  }

  @RpcMethod(SelfWithdrawalService.method.closeWithdrawalCase)
  async closeWithdrawalCase(request: CloseWithdrawalCaseRequest) {
    return { case: await this.withdrawal.close(request) };
  }
}
