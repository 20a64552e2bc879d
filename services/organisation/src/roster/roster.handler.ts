import {
  RosterService,
  type FindNamesInTextRequest,
  type ListRosterChangesRequest,
  type ListRosterRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { RosterUseCases } from './roster.use-cases.js';

/** The roster's RPCs, for other services (the learning service's plans). */
@Controller()
export class RosterHandler implements RpcHandlers<typeof RosterService> {
  constructor(@Inject(RosterUseCases) private readonly roster: RosterUseCases) {}

  @RpcMethod(RosterService.method.listRoster)
  listRoster(request: ListRosterRequest) {
    return this.roster.list(request);
  }

  @RpcMethod(RosterService.method.listRosterChanges)
  listRosterChanges(request: ListRosterChangesRequest) {
    return this.roster.changes(request);
  }

  @RpcMethod(RosterService.method.findNamesInText)
  findNamesInText(request: FindNamesInTextRequest) {
    return this.roster.namesInText(request);
  }

  @RpcMethod(RosterService.method.getMyPlacement)
  getMyPlacement() {
    return this.roster.myPlacement();
  }
}
