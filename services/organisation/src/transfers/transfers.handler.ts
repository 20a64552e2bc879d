import { TransferService } from '@dangjian/contracts';
import type {
  ApplyForMyTransferRequest,
  ActOnTransferRequest,
  CreateTransferRequest,
  GetTransferRequest,
  ListTransferOverdueRequest,
  ListTransfersRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { TransfersUseCases } from './transfers.use-cases.js';

/** Relationship transfers' RPCs. */
@Controller()
export class TransfersHandler implements RpcHandlers<typeof TransferService> {
  constructor(@Inject(TransfersUseCases) private readonly transfers: TransfersUseCases) {}

  @RpcMethod(TransferService.method.applyForMyTransfer)
  async applyForMyTransfer(request: ApplyForMyTransferRequest) {
    return { transfer: await this.transfers.applyForMine(request) };
  }

  @RpcMethod(TransferService.method.listMyTransfers)
  listMyTransfers() {
    return this.transfers.listMine();
  }

  @RpcMethod(TransferService.method.createTransfer)
  async createTransfer(request: CreateTransferRequest) {
    return { transfer: await this.transfers.create(request) };
  }

  @RpcMethod(TransferService.method.actOnTransfer)
  async actOnTransfer(request: ActOnTransferRequest) {
    return { transfer: await this.transfers.act(request) };
  }

  @RpcMethod(TransferService.method.getTransfer)
  getTransfer(request: GetTransferRequest) {
    return this.transfers.get(request.id);
  }

  @RpcMethod(TransferService.method.listTransfers)
  listTransfers(request: ListTransfersRequest) {
    return this.transfers.list(request);
  }

  @RpcMethod(TransferService.method.listTransferOverdue)
  async listTransferOverdue(_request: ListTransferOverdueRequest) {
    return { overdue: await this.transfers.overdue() };
  }
}
