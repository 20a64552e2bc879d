import { GetStatisticsResponseSchema, StatisticsService } from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';

/** Member statistics of an organisation's subtree: `GET /statistics/<organisation id>` (react-admin getOne). */
export const StatisticsResource = bindResource({
  path: 'statistics',
  routes: {
    get: call({
      rpc: StatisticsService.method.getStatistics,
      method: 'GET',
      path: ':id',
      summary: 'Member statistics of an organisation’s subtree',
      access: ORGANISATION_STAFF,
      request: ({ params }) => ({ withinId: params['id'] }),
      reply: (reply, { params }) => ({ id: params['id'], ...toJson(GetStatisticsResponseSchema, reply) }),
    }),
  },
});
