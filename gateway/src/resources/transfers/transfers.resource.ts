import {
  ErrorCode,
  TRANSFER_STATES,
  TenantStatus,
  TenantService,
  TransferActionSchema,
  TransferSchema,
  TransferService,
  type Transfer,
  type TransferOverdue,
} from '@dangjian/contracts';
import {
  currentContext,
  fieldProblem,
  RemoteError,
  RpcClient,
  RuleViolatedError,
  ValidationError,
} from '@dangjian/kit';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { ActOnTransferDto, CreateTransferDto } from './transfers.dto.js';

const transferView = (transfer: Transfer) => toJson(TransferSchema, transfer);

/** 组织关系转接 (rules.md §5): applications, approvals, the letter, reporting in, receipts. */
export const TransfersResource = bindResource({
  path: 'transfers',
  routes: {
    list: list({
      rpc: TransferService.method.listTransfers,
      summary: 'Transfers leaving or entering the caller’s organisations',
      access: ORGANISATION_STAFF,
      sort: ['updatedAt', 'appliedOn', 'validUntil', 'state', 'memberName'],
      filters: {
        direction: filterOf.oneOf(['outgoing', 'incoming'] as const),
        state: filterOf.someOf(TRANSFER_STATES),
        memberId: filterOf.uuid,
      },
      request: ({ state, ...rest }: { state?: string[]; direction?: string; memberId?: string }) => ({
        ...rest,
        states: state ?? [],
      }),
      items: 'transfers',
      filterExample: '{"direction":"incoming","state":["letter_issued"]}',
    }),
    get: call({
      rpc: TransferService.method.getTransfer,
      method: 'GET',
      path: ':id',
      summary: 'One transfer with every action taken on it',
      access: ORGANISATION_STAFF,
      reply: ({ transfer, actions }) => ({
        ...transferView(transfer!),
        actions: actions.map((action) => toJson(TransferActionSchema, action)),
      }),
    }),
    create: call({
      rpc: TransferService.method.createTransfer,
      method: 'POST',
      summary: 'Apply to transfer a member’s organisational relationship',
      access: ORGANISATION_STAFF,
      body: CreateTransferDto,
      request: ({ body: { receivingTenant: _slug, ...rest } }) => rest,
      before: async (rpc, { body }) => {
        const sending = await tenantBySlug(rpc, currentContext()!.tenant!.slug, 'tenant');
        const receiving =
          body.destination === 'other_tenant' ? await receivingTenant(rpc, body.receivingTenant!) : undefined;
        return {
          sendingTenantName: sending.name,
          ...(receiving ? { receivingTenantId: receiving.id, receivingTenantName: receiving.name } : {}),
        };
      },
      reply: 'transfer',
    }),
    act: call({
      rpc: TransferService.method.actOnTransfer,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Act on a transfer: approve, issue or reissue the letter, report in, return the receipt, …',
      access: ORGANISATION_STAFF,
      body: ActOnTransferDto,
      reply: 'transfer',
    }),
  },
});

/** What needs chasing: approvals waiting, letters near expiry, receipts not returned. */
export const TransferOverdueResource = bindResource({
  path: 'transfer-overdue',
  tag: 'transfers',
  routes: {
    list: list({
      rpc: TransferService.method.listTransferOverdue,
      summary: 'Transfers to chase: approvals waiting, letters near expiry, receipts not returned',
      access: ORGANISATION_STAFF,
      sort: ['dueOn'],
      filters: {},
      items: 'overdue',
      view: ({ transfer, kind, since, dueOn }: TransferOverdue) => ({
        id: `${transfer!.id}:${kind}`,
        kind,
        since,
        dueOn,
        transfer: transferView(transfer!),
      }),
    }),
  },
});

export async function receivingTenant(rpc: RpcClient, slug: string) {
  const tenant = await tenantBySlug(rpc, slug, 'receivingTenant');
  if (tenant.status !== TenantStatus.ACTIVE || !tenant.modules.includes('organisation')) {
    throw new RuleViolatedError(
      'receiving-tenant',
      'the receiving tenant does not take transfers on the platform; send a printed letter (outside_platform)',
      [fieldProblem('receivingTenant', 'organisation_module_off')],
    );
  }
  return tenant;
}

export async function tenantBySlug(rpc: RpcClient, slug: string, field: string) {
  try {
    return (await rpc.call(TenantService.method.findTenantBySlug, { slug })).tenant!;
  } catch (error) {
    if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND)
      throw ValidationError.of(field, 'unknown_tenant');
    throw error;
  }
}
