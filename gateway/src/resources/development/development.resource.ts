import {
  DevelopmentService,
  DevelopmentOverdueStepSchema,
  type DevelopmentOverdueStep,
} from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { RecordStepDto } from './development.dto.js';

/** 发展党员: a member's development steps (the timeline) and recording the next one. */
export const DevelopmentResource = bindResource({
  path: 'development',
  routes: {
    list: list({
      rpc: DevelopmentService.method.listDevelopmentSteps,
      summary: 'A member’s development steps (the timeline)',
      access: ORGANISATION_STAFF,
      sort: ['decidedOn'],
      filters: { memberId: filterOf.uuid },
      items: 'steps',
      filterExample: '{"memberId":"…"}',
    }),
    record: call({
      rpc: DevelopmentService.method.recordDevelopmentStep,
      method: 'POST',
      summary: 'Record a development step when every rule of rules.md §3 holds (422 naming each broken rule)',
      access: ORGANISATION_STAFF,
      body: RecordStepDto,
      request: ({ body }) => ({ ...body, dryRun: false }),
      reply: 'step',
    }),
    check: call({
      rpc: DevelopmentService.method.recordDevelopmentStep,
      method: 'POST',
      path: 'check',
      status: 200,
      summary: 'The same checks without recording anything: which rules the step would break',
      access: ORGANISATION_STAFF,
      body: RecordStepDto,
      request: ({ body }) => ({ ...body, dryRun: true }),
      reply: ({ brokenRules }) => ({
        allowed: brokenRules.length === 0,
        brokenRules: brokenRules.map(({ rule, field, message, params }) => ({
          rule,
          field,
          message,
          params,
        })),
      }),
    }),
  },
});

/** The development pipeline's overdue steps in the caller's subtree. */
export const DevelopmentOverdueResource = bindResource({
  path: 'development-overdue',
  tag: 'development',
  routes: {
    list: list({
      rpc: DevelopmentService.method.listDevelopmentOverdue,
      summary: 'Development steps past due in a subtree',
      access: ORGANISATION_STAFF,
      sort: ['dueOn'],
      filters: { withinId: filterOf.uuid },
      items: 'overdue',
      view: (item: DevelopmentOverdueStep) => ({
        id: `${item.memberId}:${item.step}`,
        ...toJson(DevelopmentOverdueStepSchema, item),
      }),
      filterExample: '{"withinId":"…"}',
    }),
  },
});
