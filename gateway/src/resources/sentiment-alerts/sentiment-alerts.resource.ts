import { SentimentAlertSchema, SentimentAlertService, type SentimentAlert } from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { SUPERVISION_ADMINS, SUPERVISION_STAFF } from '../access.js';

/**
 * 舆情预警 (issue 18): alert words found in appeals and spikes of one category in one place, raised by
 * the appeal watch, which also reminds and escalates appeals (every hour; tenant admins run it now).
 */
export const SentimentAlertsResource = bindResource({
  path: 'sentiment-alerts',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: SentimentAlertService.method.listSentimentAlerts,
      summary: 'Sentiment alerts of the caller’s organisations, newest first',
      access: SUPERVISION_STAFF,
      sort: ['raisedOn'],
      filters: { kind: filterOf.oneOf(['keyword', 'spike'] as const) },
      filterExample: '{"kind":"spike"}',
      request: (f: { kind?: string }) => f,
      items: 'alerts',
      view: ((alert: SentimentAlert) => toJson(SentimentAlertSchema, alert)) as never,
    }),
    run: call({
      rpc: SentimentAlertService.method.runAppealWatch,
      method: 'POST',
      path: 'runs',
      status: 200,
      summary: 'Run the appeal watch now: reminders, escalations and sentiment alerts (safe to repeat)',
      access: SUPERVISION_ADMINS,
      timeoutMs: 120_000,
    }),
  },
});
