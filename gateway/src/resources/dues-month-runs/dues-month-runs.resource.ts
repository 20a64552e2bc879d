import { DuesMonthRunSchema, DuesMonthRunService, type DuesMonthRun } from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';

/**
 * The monthly dues run made visible (issue 14): each month's last completed run, by the schedule or
 * by a person; the run itself stays POST /dues-ledger/runs.
 */
export const DuesMonthRunsResource = bindResource({
  path: 'dues-month-runs',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesMonthRunService.method.listDuesMonthRuns,
      summary: 'The last completed dues run of each month, newest first',
      access: ORGANISATION_STAFF,
      sort: ['month'],
      filters: { month: filterOf.month },
      items: 'runs',
      view: (run: DuesMonthRun) => ({ id: run.month, ...toJson(DuesMonthRunSchema, run) }),
      filterExample: '{"month":"2026-11"}',
    }),
  },
});
