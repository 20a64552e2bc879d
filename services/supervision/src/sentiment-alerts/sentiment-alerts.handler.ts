import { SentimentAlertService, type ListSentimentAlertsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { AppealWatchUseCases } from './appeal-watch.use-cases.js';

/** 舆情预警's RPCs: staff read the alerts; tenant admins run the appeal watch now. */
@Controller()
export class SentimentAlertsHandler implements RpcHandlers<typeof SentimentAlertService> {
  constructor(@Inject(AppealWatchUseCases) private readonly watch: AppealWatchUseCases) {}

  @RpcMethod(SentimentAlertService.method.listSentimentAlerts)
  listSentimentAlerts(request: ListSentimentAlertsRequest) {
    return this.watch.list(request);
  }

  @RpcMethod(SentimentAlertService.method.runAppealWatch)
  runAppealWatch() {
    return this.watch.runNow();
  }
}
