import { SelfWithdrawalService, WITHDRAWAL_CASE_STATES } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_ADMINS, ORGANISATION_STAFF } from '../access.js';
import { CloseSelfWithdrawalCaseDto } from './self-withdrawal-case.dto.js';

/**
 * 自行脱党 warnings and cases (rules.md §2): the check warns and opens cases; the branch closes them;
 * nobody is removed by software.
 */
export const SelfWithdrawalCasesResource = bindResource({
  path: 'withdrawal-cases',
  tag: 'self-withdrawal-cases',
  routes: {
    list: list({
      rpc: SelfWithdrawalService.method.listWithdrawalCases,
      summary: 'Self-withdrawal warnings and cases in the caller’s scope, open ones first',
      access: ORGANISATION_STAFF,
      sort: ['state'],
      filters: { withinId: filterOf.uuid, state: filterOf.oneOf(WITHDRAWAL_CASE_STATES) },
      items: 'cases',
      filterExample: '{"state":"open","withinId":"…"}',
    }),
    run: call({
      rpc: SelfWithdrawalService.method.runWithdrawalCheck,
      method: 'POST',
      path: 'runs',
      status: 200,
      summary: 'Run the self-withdrawal check now for this tenant (it also runs daily; safe to repeat)',
      access: ORGANISATION_ADMINS,
      timeoutMs: 600_000,
    }),
    close: call({
      rpc: SelfWithdrawalService.method.closeWithdrawalCase,
      method: 'POST',
      path: ':id/close',
      status: 200,
      summary: 'Close a case with the branch’s resolution',
      access: ORGANISATION_STAFF,
      body: CloseSelfWithdrawalCaseDto,
      reply: 'case',
    }),
  },
});
